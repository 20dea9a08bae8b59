using Mrv.EventStore;
using Mrv.Registry.Accounting;
using Mrv.Registry.Reporting;

namespace Mrv.Registry.Tests.Reporting;

public sealed class AnnualReportDecideTests
{
    static readonly DateTimeOffset Now = new(2025, 3, 20, 10, 0, 0, TimeSpan.FromHours(8));
    static readonly Guid Enterprise = Guid.NewGuid();
    static readonly AnnualReport.Open Opening = new(Enterprise, 2024, "测试企业", "150200", "chemical", "e");

    static ReportSnapshot Snapshot(params DataQualityCheck[] checks) =>
        new(new AnnualCalculation(2024, 1, 100m, 80m, 20m, 50m, false, [], [], [], [], []), checks, new ReportInputs(1, 3, 12, 1, 0));

    static AnnualReport Given(params object[] events) => events.Aggregate(AnnualReport.None, AnnualReport.Evolve);

    static AnnualReport Submitted() => Given([.. AnnualReport.Decide(new AnnualReport.Submit(Opening, Snapshot(), new DateOnly(2025, 3, 31), "e"), AnnualReport.None, Now)]);

    [Fact]
    public void submitting_opens_the_report_and_freezes_the_snapshot_and_a_repeat_records_nothing()
    {
        var events = AnnualReport.Decide(new AnnualReport.Submit(Opening, Snapshot(), new DateOnly(2025, 3, 31), "e"), AnnualReport.None, Now);

        events.Select(e => e.GetType()).ShouldBe([typeof(ReportOpened), typeof(ReportSubmitted)]);
        var submitted = (ReportSubmitted)events[1];
        submitted.Late.ShouldBeFalse();
        submitted.Snapshot.Calculation.TotalTco2.ShouldBe(100m);
        AnnualReport.Decide(new AnnualReport.Submit(Opening, Snapshot(), new DateOnly(2025, 3, 31), "e"), Given([.. events]), Now.AddDays(1)).ShouldBeEmpty();
    }

    [Fact]
    public void a_submission_after_the_due_day_is_flagged_late_and_one_with_errors_is_refused()
    {
        var late = AnnualReport.Decide(new AnnualReport.Submit(Opening, Snapshot(), new DateOnly(2025, 3, 31), "e"), AnnualReport.None,
            new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        var error = new DataQualityCheck("missing_month", CheckSeverities.Error, 3, null, false, new LocalizedText("缺 3 月", "month 3 missing"));

        ((ReportSubmitted)late[1]).Late.ShouldBeTrue();
        Should.Throw<DomainRuleViolation>(() => AnnualReport.Decide(new AnnualReport.Submit(Opening, Snapshot(error), new DateOnly(2025, 3, 31), "e"), AnnualReport.None, Now))
            .Code.ShouldBe("report.data_quality_errors");
    }

    [Fact]
    public void verification_needs_a_submitted_report_and_accepting_determines_the_verified_figures()
    {
        var engagement = Guid.NewGuid();
        var draft = Given([.. AnnualReport.Decide(Opening, AnnualReport.None, Now)]);
        var submitted = Submitted();
        var started = AnnualReport.Decide(new AnnualReport.StartVerification(engagement, null, "drc"), submitted, Now).Aggregate(submitted, AnnualReport.Evolve);
        var verified = AnnualReport.Decide(new AnnualReport.RecordVerifiedFigures(engagement, 105m, 51m, Opinions.Pass, "drc"), started, Now)
            .Aggregate(started, AnnualReport.Evolve);

        Should.Throw<DomainRuleViolation>(() => AnnualReport.Decide(new AnnualReport.StartVerification(engagement, null, "drc"), draft, Now))
            .Code.ShouldBe("report.not_submitted_for_verification");
        var determined = (ReportDetermined)AnnualReport.Decide(new AnnualReport.Determine(null, null, "drc"), verified, Now).Single();
        determined.DeterminedEmissionsTco2.ShouldBe(105m);
        determined.Basis.ShouldBe(DeterminationBases.Accepted);
        Should.Throw<DomainRuleViolation>(() => AnnualReport.Decide(new AnnualReport.Determine(new AnnualReport.DeterminedFigures(110m, 51m), " ", "drc"), verified, Now))
            .Code.ShouldBe("report.override_needs_reason");
    }

    [Fact]
    public void reopening_returns_to_draft_keeping_the_history_and_needs_something_submitted()
    {
        var submitted = Submitted();

        var reopened = AnnualReport.Decide(new AnnualReport.Reopen("更正", "drc"), submitted, Now).Aggregate(submitted, AnnualReport.Evolve);

        reopened.Status.ShouldBe(ReportStatuses.Draft);
        reopened.EverSubmitted.ShouldBeTrue();
        reopened.History.Select(h => h.Step).ShouldBe(["opened", "submitted", "reopened"]);
        AnnualReport.Decide(new AnnualReport.Reopen("更正", "drc"), reopened, Now).ShouldBeEmpty();
        Should.Throw<DomainRuleViolation>(() => AnnualReport.Decide(new AnnualReport.Reopen("另一个理由", "drc"), reopened, Now)).Code.ShouldBe("report.not_submitted");
        Should.Throw<DomainRuleViolation>(() => AnnualReport.Decide(new AnnualReport.ExplainGaps(Opening, [1], "x", "e"), submitted, Now)).Code.ShouldBe("report.not_draft");
    }
}
