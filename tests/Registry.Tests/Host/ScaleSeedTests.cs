using Microsoft.Extensions.DependencyInjection;
using Mrv.EventStore;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Compliance;
using Mrv.Registry.Demo;
using Mrv.Registry.Reporting;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;

namespace Mrv.Registry.Tests.Host;

/// <summary>A small synthetic province beside the demo: N = 30, then 40.</summary>
public sealed class ScaleSeedTests(RegistryFixture registry) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    const int Small = 30;

    EventLog Log => registry.Factory.Services.GetRequiredService<EventLog>();

    public async Task InitializeAsync() => await ScaleSeed.SeedAsync(Log, Small, TextWriter.Null);

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<List<T>> DocumentsAsync<T>(IEnumerable<string> ids) where T : class
    {
        var keys = ids.ToList();
        return [.. (await Log.Documents.QueryAsync<T>(new DocumentQuery { Ids = keys, Limit = keys.Count })).Items.Select(d => d.Data)];
    }

    static IEnumerable<Guid> Enterprises(int count) => Enumerable.Range(0, count).Select(i => ScaleSeed.Synthetic(i).Id);

    async Task<List<Engagement>> EngagementsAsync(int count, int year)
    {
        var assignments = await DocumentsAsync<AgencyAssignment>(Enterprises(count).Select(id => AgencyAssignment.StreamId(id, year)));
        return await DocumentsAsync<Engagement>(assignments.Select(a => Engagement.StreamId(a.CurrentEngagementId!.Value)));
    }

    [Fact]
    public async Task every_2023_report_is_determined_at_the_figure_its_engagement_signed_off_and_every_draw_can_be_re_run()
    {
        var engagements = await EngagementsAsync(Small, 2023);
        var assignments = await DocumentsAsync<AgencyAssignment>(Enterprises(Small).Select(id => AgencyAssignment.StreamId(id, 2023)));

        engagements.Count.ShouldBe(Small);
        engagements.ShouldAllBe(e => e.Status == EngagementStatuses.Signed && e.Signatures.Count == 2 && !e.Completion!.Late);
        engagements.Select(e => e.AgencyId).Distinct().ShouldBeSubsetOf(ScaleAgencies.Ids);
        foreach (var engagement in engagements)
        {
            var report = (await AnnualReport.LoadAsync(Log, engagement.EnterpriseId, 2023)).State;
            report.Status.ShouldBe(ReportStatuses.Determined);
            report.Determination!.EmissionsTco2.ShouldBe(engagement.Completion!.VerifiedEmissionsTco2);
            report.Verification!.EngagementId.ShouldBe(engagement.Id);
        }
        engagements.Count(e => e.Completion!.Opinion == Mrv.Verification.Engagements.Opinions.Qualified).ShouldBe(1);
        assignments.ShouldAllBe(a => SeededDraw.PickOne(a.Current!.Seed!, a.Current.Eligible!) == a.CurrentAgencyId!.Value.ToString());
    }

    [Fact]
    public async Task the_submitted_2024_reports_are_under_verification_some_with_an_open_finding()
    {
        var engagements = await EngagementsAsync(Small, 2024);

        engagements.Count.ShouldBe(Small / 2);
        engagements.ShouldAllBe(e => EngagementStatuses.IsOutstanding(e.Status));
        engagements.Select(e => e.Status).Distinct().Count().ShouldBe(4);
        engagements.ShouldContain(e => e.OpenFindings > 0);
    }

    [Fact]
    public async Task each_agencys_workload_counts_the_engagements_it_holds()
    {
        foreach (var year in new[] { 2023, 2024 })
        {
            // Every synthetic enterprise there is: the test that seeds a larger province may have run first.
            var engagements = await EngagementsAsync(Small + 10, year);
            var workloads = await DocumentsAsync<AgencyWorkload>(ScaleAgencies.Ids.Select(id => AgencyWorkload.Key(id, year)));

            workloads.Sum(w => w.Count).ShouldBe(engagements.Count);
            foreach (var workload in workloads)
            {
                workload.Engagements.ShouldBe(engagements.Where(e => e.AgencyId == workload.AgencyId).Select(e => e.Id), ignoreOrder: true);
            }
        }
    }

    [Fact]
    public async Task covered_enterprises_have_accounts_and_the_power_plants_hold_their_2023_allocation_with_an_obligation()
    {
        var ids = Enterprises(Small).ToList();
        var accounts = await DocumentsAsync<AllowanceAccount>(ids.Select(AllowanceAccount.StreamId));
        var tables = (await Log.Documents.QueryAsync<AllocationTable>(new DocumentQuery { Contains = new { year = 2023, method = AllocationMethods.PowerBenchmark } }))
            .Items.Select(d => d.Data).Where(t => t.Entries.Any(e => ids.Contains(e.EnterpriseId))).ToList();
        await registry.WaitForProjectionsAsync();
        var compliance = await DocumentsAsync<ComplianceRecord>(ids.Select(id => ComplianceRecord.KeyOf(id, 2023)));

        accounts.Count.ShouldBe(Small);
        var table = tables.ShouldHaveSingleItem();
        table.Status.ShouldBe(AllocationTableStatuses.Issued);
        table.ApprovedBy.ShouldNotBe(table.SubmittedBy);
        var plants = accounts.Where(a => a.Allocations.Count > 0).ToList();
        plants.Count.ShouldBe(18);
        foreach (var account in accounts)
        {
            var folded = (await Log.AggregateAsync(AllowanceAccount.StreamId(account.Id), AllowanceAccount.None, AllowanceAccount.Evolve)).State;
            account.HeldOf(2023).ShouldBe(folded.HeldOf(2023));
            account.HeldOf(2023).ShouldBe(table.Entries.SingleOrDefault(e => e.EnterpriseId == account.Id)?.Target ?? 0);
        }
        plants.ShouldAllBe(a => a.HeldOf(2023) > 0);
        foreach (var plant in plants)
        {
            var record = compliance.Single(c => c.EnterpriseId == plant.Id);
            var determined = (await AnnualReport.LoadAsync(Log, plant.Id, 2023)).State.Determination!.EmissionsTco2;
            record.FinalAllocation.ShouldBe(plant.HeldOf(2023));
            record.ObligationTonnes.ShouldBe(plant.ObligationFor(2023, determined));
            record.Status.ShouldBe(ComplianceStatuses.Shortfall);
        }
    }

    [Fact]
    public async Task seeding_again_adds_nothing_and_a_larger_province_adds_only_its_new_enterprises()
    {
        var before = await registry.CountAsync("select count(*) from eventstore.events");

        var again = await ScaleSeed.SeedAsync(Log, Small, TextWriter.Null);
        var after = await registry.CountAsync("select count(*) from eventstore.events");
        var larger = await ScaleSeed.SeedAsync(Log, Small + 10, TextWriter.Null);
        var workloads = await DocumentsAsync<AgencyWorkload>(ScaleAgencies.Ids.Select(id => AgencyWorkload.Key(id, 2023)));

        (again.Enterprises, again.Skipped, again.Engagements, again.Accounts, again.Events).ShouldBe((0, Small, 0, 0, 0L));
        after.ShouldBe(before);
        larger.Enterprises.ShouldBe(10);
        larger.Skipped.ShouldBe(Small);
        workloads.Sum(w => w.Count).ShouldBe(Small + 10);
        (await EngagementsAsync(Small + 10, 2023)).Count.ShouldBe(Small + 10);
    }
}
