using System.Net;

namespace Mrv.Registry.Tests.Verification;

/// <summary>
/// Two officials (or one double click) drawing a verification agency for the same report at once:
/// exactly one draw and one engagement; every other copy is refused and appends nothing. (Racing
/// submissions: <c>Reporting/DoubleSubmissionTests</c>; racing surrenders and transfers:
/// <c>Allowances/ConcurrencyTests</c>.)
/// </summary>
public sealed class DoubleAssignmentTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const int Copies = 8;

    [Fact]
    public async Task a_report_drawn_for_eight_times_at_once_gets_one_agency()
    {
        await VerificationWorld.AgencyAsync(registry);
        await VerificationWorld.AgencyAsync(registry);
        var plant = await VerificationWorld.SubmittedAsync(registry);

        var responses = await Task.WhenAll(Enumerable.Range(0, Copies).Select(_ =>
            plant.Drc.PostAsync($"/api/v1/verification/assignments/{plant.Id}/{VerificationWorld.Year}/draw", null)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(Copies - 1, string.Join(", ", statuses));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            (await refused.JsonAsync()).GetProperty("code").GetString().ShouldBe("assignment.already_assigned");
        }
        (await registry.CountAsync(
            $"select count(*) from eventstore.events where stream_id = 'assignment-{plant.Id}-{VerificationWorld.Year}' and type = 'verification_agency_drawn.v1'"))
            .ShouldBe(1);
        (await registry.CountAsync($"select count(*) from eventstore.streams where type = 'verification_engagement' and id in " +
            $"(select stream_id from eventstore.events where data->>'enterpriseId' = '{plant.Id}')")).ShouldBe(1);
    }
}
