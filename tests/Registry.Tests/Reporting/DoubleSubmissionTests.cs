using System.Net;
using Mrv.Registry.Reporting;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Reporting;

/// <summary>
/// The filing deadline's double click: the same annual report submitted by several requests at
/// once is submitted exactly once — one event, one submission number — and every request gets the
/// submitted report as its answer.
/// </summary>
public sealed class DoubleSubmissionTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    const int Racers = 8;

    static string SubmitPath(PlannedEnterprise plant) => $"/api/v1/enterprises/{plant.Id}/reports/2025/submit";

    Task<long> SubmissionsAsync(PlannedEnterprise plant) => registry.CountAsync(
        $"select count(*) from eventstore.events where stream_id = '{AnnualReport.StreamId(plant.Id, 2025)}' and type = 'report_submitted.v1'");

    [Fact]
    public async Task racing_submissions_of_one_report_submit_it_exactly_once()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordYearAsync(2025);

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => plant.Enterprise.PostAsync(SubmitPath(plant), null)));

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var report = await response.JsonAsync();
            report.GetProperty("status").GetString().ShouldBe("submitted");
            report.GetProperty("submission").GetProperty("number").GetInt32().ShouldBe(1);
        }
        (await SubmissionsAsync(plant)).ShouldBe(1);
    }

    [Fact]
    public async Task a_submission_retried_at_once_with_its_idempotency_key_appends_once_and_every_retry_gets_the_first_answer()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordYearAsync(2025);

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => plant.Enterprise.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, SubmitPath(plant)) { Headers = { { "Idempotency-Key", "submit-2025" } } })));

        var bodies = new List<string>();
        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        bodies.Distinct().Count().ShouldBe(1, "a replay is the first answer, byte for byte");
        responses.Count(r => !r.Headers.Contains("Idempotency-Replayed")).ShouldBe(1);
        (await SubmissionsAsync(plant)).ShouldBe(1);
    }
}
