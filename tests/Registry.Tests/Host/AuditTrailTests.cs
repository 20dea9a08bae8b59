using System.Net;

namespace Mrv.Registry.Tests.Host;

/// <summary>Tampers with its own database, so it has a fixture of its own.</summary>
public sealed class AuditTrailTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task the_drc_reads_an_enterprises_audit_trail_and_a_tampered_event_breaks_its_chain()
    {
        var drc = await registry.ClientAsync("drc");
        var enterprise = await registry.ClientAsync("enterprise-demo");
        var id = (await (await enterprise.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("scope").GetProperty("id").GetGuid();

        var trail = await (await drc.GetAsync($"/api/v1/enterprises/{id}/audit")).JsonAsync();

        var streams = trail.GetProperty("streams").EnumerateArray().Select(s => s.GetString()!).ToList();
        streams.ShouldContain($"enterprise-{id}");
        streams.ShouldContain($"report-{id}-2024");
        var events = trail.GetProperty("events").EnumerateArray().ToList();
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.GetProperty("hash").GetString()!.Length == 64);
        events.Select(e => e.GetProperty("seqId").GetInt64()).ShouldBeInOrder(SortDirection.Descending);

        var intact = await (await drc.PostAsync($"/api/v1/enterprises/{id}/audit/verify", null)).JsonAsync();
        intact.GetProperty("intact").GetBoolean().ShouldBeTrue();
        intact.GetProperty("streams").GetInt64().ShouldBe(streams.Count);

        await registry.Database.ExecuteAsAdminAsync(
            $"update eventstore.events set data = jsonb_set(data, '{{nameZh}}', '\"改过的名字\"') where stream_id = 'enterprise-{id}' and version = 1");
        var broken = await (await drc.PostAsync($"/api/v1/enterprises/{id}/audit/verify", null)).JsonAsync();

        broken.GetProperty("intact").GetBoolean().ShouldBeFalse();
        broken.GetProperty("firstBreak").GetProperty("streamId").GetString().ShouldBe($"enterprise-{id}");
        broken.GetProperty("firstBreak").GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task only_the_drc_reads_audit_trails()
    {
        var enterprise = await registry.ClientAsync("enterprise-demo");
        var id = (await (await enterprise.GetAsync("/api/v1/me")).JsonAsync()).GetProperty("scope").GetProperty("id").GetGuid();

        await (await enterprise.GetAsync($"/api/v1/enterprises/{id}/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
