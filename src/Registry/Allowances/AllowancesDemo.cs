using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Allowances.Accounts;
using Mrv.Registry.Allowances.Allocation;
using Mrv.Registry.Allowances.Penalties;
using Mrv.Registry.Allowances.Transfers;
using Mrv.Registry.Auth;
using Mrv.Registry.Calendar;
using Mrv.Registry.Demo;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Allowances;

/// <summary>
/// The demo's carbon market, as demo data: the 2023 reports of six coal power plants (those whose
/// 2023 report the reporting demo submitted) are verified and determined here through the reporting
/// module's own decide functions; accounts are opened for both covered lists; the plants receive their
/// 2023 allocation by the power benchmarks (computed by <c>drc</c>, approved by a second DRC login,
/// <c>drc-reviewer</c>); two trades settle (one after its 26 hours), one is cancelled, one plant
/// surrenders CCER offsets; four plants comply with 2023 and two fall short, get penalty cases, and
/// see their shortfall deducted from their 2024 pre-allocation. Everything happens at business times
/// of 2024–25 through the same decisions as the API. Seeding twice appends nothing: the movements
/// are skipped once their first allocation table exists.
/// </summary>
public static class AllowancesDemo
{
    public const string Reviewer = "drc-reviewer";
    const string Drc = "drc";

    static readonly EventMetadata Metadata = new(DemoData.Seeder, DemoData.Seeder, null);

    /// <summary>
    /// The six plants, with the unit parameters the DRC enters for them (demo values): load factors
    /// below 65% earn the peak-regulation correction, so the first, third and fifth end 2023 with a surplus.
    /// </summary>
    static readonly (string Brand, string Category, decimal LoadFactor)[] Plants =
    [
        ("Beichen", PowerCategories.Coal300MwPlus, 0.60m),
        ("Yinze", PowerCategories.Coal300MwPlus, 0.80m),
        ("Jiyue", PowerCategories.Coal300MwMinus, 0.55m),
        ("Tieqi", PowerCategories.Coal300MwPlus, 0.88m),
        ("Yansong", PowerCategories.Coal300MwMinus, 0.62m),
        ("Qionglu", PowerCategories.Coal300MwPlus, 0.85m),
    ];

    /// <summary>A fictional CCER project (a wind farm outside every demo enterprise's boundary).</summary>
    const string CcerProject = "CCER-150000-2024-0007";

    /// <summary>An illustrative price for the demo's penalty decision, not an official statistic.</summary>
    const decimal DemoAveragePriceYuan = 100m;

    public static async Task SeedAsync(CommandWriter writer, Credentials credentials, TimeProvider time, TextWriter output, CancellationToken ct = default)
    {
        var log = writer.Log;
        var ledger = new Ledger(log);
        // The second DRC login, who approves what drc requests.
        await DemoData.EnsureUserAsync(writer, credentials, new User.Create(Reviewer, Roles.Drc, null, null, null, DemoData.Seeder), time.GetUtcNow(), ct);
        var plants = Plants.Select(p => (Demo: DemoEnterprises.All.Single(d => d.BrandEn == p.Brand), p.Category, p.LoadFactor)).ToList();
        foreach (var plant in plants) await DetermineAsync(writer, plant.Demo.Id, ct);

        var final2023 = DemoData.IdFor("allowances:table:2023:final");
        if (await log.FetchHeadAsync(AllocationTable.StreamId(final2023), ct) is not null) return;
        var ids = plants.Select(p => p.Demo.Id).ToArray();
        var determined = new decimal[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if ((await AnnualReport.LoadAsync(log, ids[i], 2023, ct: ct)).State.Determination is not { } determination)
            {
                output.WriteLine($"Demo allowances skipped: the 2023 report of {plants[i].Demo.BrandEn} is under another verification and not determined.");
                return;
            }
            determined[i] = determination.EmissionsTco2;
        }

        await OpenAccountsAsync(ledger, At(2024, 1, 10), ct);
        var units = plants.Select(p => new PowerUnitRequest(p.Demo.Id, p.Category, null, p.LoadFactor, null)).ToList();
        await AllocateAsync(writer, ledger, final2023, new ComputeAllocationRequest(2023, AllocationPhases.Final, AllocationMethods.PowerBenchmark, units, null,
            "2023 年度配额核定（演示数据）"), At(2024, 7, 20), At(2024, 7, 22), ct);

        var accounts = await AccountsAsync(log, ids, ct);
        long Obligation(int i) => accounts[i].ObligationFor(2023, determined[i]);
        long Surplus(int i) => accounts[i].HeldOf(2023) - Obligation(i);
        var offsets = SurrenderRules.OffsetLimit(Obligation(1));

        // Yinze buys from Beichen (no trusted relation: the trade waits its 26 hours) what its allocation and
        // its CCER offsets leave short, and at least a reserve of 20,000; the rest of any need from Jiyue.
        var need1 = Math.Max(0, -Surplus(1) - offsets);
        var fromBeichen = Math.Min(Math.Max(need1, 20_000), Math.Max(0, Surplus(0)));
        await TradeAsync(ledger, "t1", ids[0], ids[1], fromBeichen, "SEEE-20241015-000117", At(2024, 10, 15), complete: true, ct);
        await TradeAsync(ledger, "t2", ids[2], ids[1], Math.Min(Math.Max(0, need1 - fromBeichen), Math.Max(0, Surplus(2))), "SEEE-20241016-000342", At(2024, 10, 16), complete: true, ct);
        // Yansong sells Qionglu half of what it lacks; Jiyue's offer to Tieqi is called off within the 26 hours.
        await TradeAsync(ledger, "t3", ids[4], ids[5], Math.Min(Math.Max(0, -Surplus(5)) / 2, Math.Max(0, Surplus(4))), "SEEE-20241105-000058", At(2024, 11, 5), complete: true, ct);
        await TradeAsync(ledger, "t4", ids[2], ids[3], 1_000, "SEEE-20241106-000211", At(2024, 11, 6), complete: false, ct);
        if (offsets > 0)
        {
            await ledger.WriteAsync(session => session.DecideAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(ids[1]), state =>
                AllowanceAccount.DepositOffsets(state, DemoData.IdFor("allowances:ccer:yinze"), CcerProject, null, offsets, Drc, At(2024, 11, 20))),
                Metadata, occurredAt: At(2024, 11, 20), ct: ct);
        }

        accounts = await AccountsAsync(log, ids, ct);
        for (var i = 0; i < ids.Length; i++)
        {
            var owed = Obligation(i);
            var held = accounts[i].HeldOf(2023);
            var offset = i == 1 ? offsets : 0;
            var allowances = Math.Min(held, owed - offset);
            var surrender = new AllowanceAccount.Surrender(DemoData.IdFor($"allowances:surrender:2023:{i}"), 2023,
                allowances > 0 ? [new VintageQuantity(2023, allowances)] : [], offset > 0 ? [(CcerProject, offset)] : [],
                determined[i], ComplianceCalendar.Default(2023).SurrenderDue, Drc);
            var at = At(2024, 12, 10 + i);
            await ledger.WriteAsync(session => session.DecideAsync(AllowanceAccount.Decider, AllowanceAccount.StreamId(ids[i]),
                state => AllowanceAccount.Decide(surrender, state, at)), Metadata, occurredAt: at, ct: ct);
        }

        var opened = await OpenPenaltyCases.OpenAsync(writer, 2023, ComplianceCalendar.Default(2023).SurrenderDue, At(2025, 1, 6), Metadata, ct);
        if (opened.FirstOrDefault(c => c.EnterpriseId == ids[3]) is { } tieqi)
        {
            var stream = PenaltyCase.StreamId(tieqi.EnterpriseId, 2023);
            await WriteAsync(writer, PenaltyCase.Decider, stream, state => PenaltyCase.Decide(new PenaltyCase.RecordPrice(DemoAveragePriceYuan,
                "演示数据：示例价格，非官方统计 / demo data: an illustrative price, not an official statistic", Drc), state, At(2025, 1, 20)), At(2025, 1, 20), ct);
            await WriteAsync(writer, PenaltyCase.Decider, stream, state => PenaltyCase.Decide(new PenaltyCase.DecideFine(
                7 * DemoAveragePriceYuan * tieqi.ShortfallTonnes, "演示数据：逾期未足额清缴，按 7 倍处罚", Drc), state, At(2025, 2, 10)), At(2025, 2, 10), ct);
        }

        await AllocateAsync(writer, ledger, DemoData.IdFor("allowances:table:2024:pre"), new ComputeAllocationRequest(2024, AllocationPhases.PreAllocation,
            AllocationMethods.PowerBenchmark, units, null, "2024 年度预分配（演示数据；含 2023 年度未清缴量的等量核减）"), At(2025, 2, 15), At(2025, 2, 18), ct);

        output.WriteLine($"Demo allowances: accounts for the 2023 and 2024 covered lists, 2023 allocation and 2024 pre-allocation of {ids.Length} power plants, " +
                         $"trades, CCER offsets, 2023 surrenders ({ids.Length - opened.Count} compliant, {opened.Count} short with penalty cases).");
        output.WriteLine($"  {Reviewer,-16} role drc        second DRC login for four-eyes approvals (password {DemoData.Password})");
    }

    /// <summary>Verification and determination (核定) of a submitted 2023 report, accepting the submitted figures; a report already past a step keeps it.</summary>
    static async Task DetermineAsync(CommandWriter writer, Guid enterpriseId, CancellationToken ct)
    {
        var stream = AnnualReport.StreamId(enterpriseId, 2023);
        var report = (await AnnualReport.LoadAsync(writer.Log, enterpriseId, 2023, ct: ct)).State;
        var engagement = DemoData.IdFor($"allowances:engagement:{enterpriseId}:2023");
        if (report.Status == ReportStatuses.Submitted)
        {
            await WriteAsync(writer, AnnualReport.Decider, stream,
                state => AnnualReport.Decide(new AnnualReport.StartVerification(engagement, DemoData.DemoAgencyId, DemoData.Seeder), state, At(2024, 5, 20)), At(2024, 5, 20), ct);
            report = (await AnnualReport.LoadAsync(writer.Log, enterpriseId, 2023, ct: ct)).State;
        }
        if (report.Status == ReportStatuses.UnderVerification && report.Verification!.EngagementId == engagement)
        {
            var figures = report.Submission!.Snapshot.Calculation;
            await WriteAsync(writer, AnnualReport.Decider, stream, state => AnnualReport.Decide(new AnnualReport.RecordVerifiedFigures(engagement,
                figures.TotalTco2, figures.EnergyTce, Opinions.Pass, DemoData.Seeder), state, At(2024, 6, 25)), At(2024, 6, 25), ct);
            report = (await AnnualReport.LoadAsync(writer.Log, enterpriseId, 2023, ct: ct)).State;
        }
        if (report.Status == ReportStatuses.Verified)
        {
            await WriteAsync(writer, AnnualReport.Decider, stream,
                state => AnnualReport.Decide(new AnnualReport.Determine(null, null, Drc), state, At(2024, 7, 10)), At(2024, 7, 10), ct);
        }
    }

    static async Task OpenAccountsAsync(Ledger ledger, DateTimeOffset at, CancellationToken ct)
    {
        var covered = (await PublicCoveredList.RowsAsync(ledger.Log, 2023, ct)).Concat(await PublicCoveredList.RowsAsync(ledger.Log, 2024, ct))
            .DistinctBy(r => r.CreditCode).ToList();
        await ledger.WriteAsync(async session =>
        {
            await session.EnsureOpenAsync(AccountOpening.Province(Drc), at);
            foreach (var row in covered) await session.EnsureOpenAsync(AccountOpening.ForEnterprise(CreditCode.EnterpriseIdFor(row.CreditCode), row.NameZh, row.LeagueCode, Drc), at);
            return covered.Count;
        }, Metadata, occurredAt: at, ct: ct);
    }

    /// <summary>Computed and submitted by <c>drc</c>, approved and issued by the reviewer.</summary>
    static async Task AllocateAsync(CommandWriter writer, Ledger ledger, Guid tableId, ComputeAllocationRequest request, DateTimeOffset computedAt,
        DateTimeOffset approvedAt, CancellationToken ct)
    {
        var computed = await ComputeAllocation.ComputeAsync(writer.Log, request, tableId, Drc, computedAt, ct);
        await WriteAsync(writer, AllocationTable.Decider, AllocationTable.StreamId(tableId), state => AllocationTable.Decide(computed, state), computedAt, ct);
        await WriteAsync(writer, AllocationTable.Decider, AllocationTable.StreamId(tableId), state => AllocationTable.Submit(state, Drc, computedAt), computedAt, ct);
        await ledger.WriteAsync(session => ReviewAllocation.ApproveAsync(session, tableId, Reviewer, approvedAt), Metadata, occurredAt: approvedAt, ct: ct);
    }

    static async Task TradeAsync(Ledger ledger, string name, Guid from, Guid to, long quantity, string reference, DateTimeOffset at, bool complete, CancellationToken ct)
    {
        if (quantity <= 0) return;
        var id = DemoData.IdFor($"allowances:transfer:{name}");
        await ledger.WriteAsync(session => Transfer.StartAsync(session, new Transfer.Order(id, TransferKinds.Trade, from, to, 2023, quantity, reference, Drc), at),
            Metadata, occurredAt: at, ct: ct);
        var settled = at + TransferRules.Delay + TimeSpan.FromMinutes(5);
        await ledger.WriteAsync(session => complete
                ? Transfer.CompleteAsync(session, id, settled)
                : Transfer.CancelAsync(session, id, "交易对手信息有误，卖方撤回（演示数据）", Drc, at + TimeSpan.FromHours(3)),
            Metadata, occurredAt: complete ? settled : at + TimeSpan.FromHours(3), ct: ct);
    }

    static async Task<AllowanceAccount[]> AccountsAsync(EventLog log, Guid[] ids, CancellationToken ct)
    {
        var accounts = new AllowanceAccount[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            accounts[i] = (await log.AggregateAsync(AllowanceAccount.StreamId(ids[i]), AllowanceAccount.None, AllowanceAccount.Evolve, ct: ct)).State;
        }
        return accounts;
    }

    static Task WriteAsync<TState>(CommandWriter writer, Decider<TState> decider, string streamId, Func<TState, IReadOnlyList<object>> decide, DateTimeOffset at, CancellationToken ct) =>
        writer.WriteAsync(decider, streamId, state => [.. decide(state).Select(e => new NewEvent(e, at))], outcome => outcome.Appended.Count,
            new WriteOptions { Metadata = Metadata }, ct);

    /// <summary>10:00 China Standard Time on a day: when the demo's people do their paperwork.</summary>
    static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 10, 0, 0, ComplianceCalendar.ChinaStandardTime);
}
