using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.DualControl.Assessment;
using Mrv.Registry.DualControl.KeyUnits;
using Mrv.Registry.DualControl.Restrictions;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.DualControl;

/// <summary>
/// Dual control (“双控”) of energy consumption and energy intensity, and carbon-intensity control:
/// plan periods with each league/city's targets, yearly statistics, key energy-consuming units,
/// progress against the pro-rata path, yearly assessments with early-warning levels, approval
/// restrictions (区域限批) and the public bulletin (seed 000 §十一 and annex; seed 001).
/// </summary>
public static class DualControlModule
{
    public static void Register(EventStoreOptions store)
    {
        store.Events
            .Register<TargetPeriodDefined>("target_period_defined.v1")
            .Register<LeagueTargetsRevised>("league_targets_revised.v1")
            .Register<WarningThresholdsSet>("warning_thresholds_set.v1")
            .Register<LeagueStatisticsRecorded>("league_statistics_recorded.v1")
            .Register<LeagueAssessed>("league_assessed.v1")
            .Register<RestrictionProposed>("restriction_proposed.v1")
            .Register<RestrictionImposed>("restriction_imposed.v1")
            .Register<RestrictionProposalDismissed>("restriction_proposal_dismissed.v1")
            .Register<RestrictionLifted>("restriction_lifted.v1")
            .Register<KeyUnitTargetsSet>("key_unit_targets_set.v1")
            .Register<KeyUnitFiguresRecorded>("key_unit_figures_recorded.v1");
        store.Documents
            .Register<TargetPeriod>("target_periods")
            .Register<LeagueStatistics>("league_statistics")
            .Register<LeagueAssessments>("league_assessments")
            .Register<Restriction>("approval_restrictions")
            .Register<KeyUnit>("key_units");
        store.InlineProjections.Add(new FoldedStateProjection<TargetPeriod>(TargetPeriod.Decider, [.. TargetPeriod.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<LeagueStatistics>(LeagueStatistics.Decider, [.. LeagueStatistics.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<LeagueAssessments>(LeagueAssessments.Decider, [.. LeagueAssessments.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<Restriction>(Restriction.Decider, [.. Restriction.EventTypes]));
        store.InlineProjections.Add(new FoldedStateProjection<KeyUnit>(KeyUnit.Decider, [.. KeyUnit.EventTypes]));
    }

    /// <summary>The start-up seed (13th FYP, thresholds) and the figures taken from determined annual reports.</summary>
    public static IServiceCollection AddMrvDualControl(this IServiceCollection services) =>
        services.AddHostedService<TargetPeriodSeed>().AddSingleton<IRegistryFigures, Reporting.DeterminedReportFigures>();

    public static IEndpointRouteBuilder MapDualControlEndpoints(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/api/v1/targets").WithTags("Dual control");
        targets.MapGet("/", GetTargets.List).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("The plan periods, side by side");
        targets.MapPost("/", DefineTargetPeriod.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Define a plan period (e.g. the 14th FYP) with its base year and each league/city's targets");
        targets.MapGet("/{period}", GetTargets.Get).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("A plan period with every league/city's targets, the region-wide targets and the revisions");
        targets.MapPost("/{period}/leagues/{league}", ReviseLeagueTargets.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Set a league/city's (or, with 150000, the region's) targets for the period anew, with a reason");
        targets.MapGet("/{period}/progress", GetProgress.List).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Each indicator against its path in a year (drc: every league/city; a league/city: its own), with the region");
        targets.MapGet("/{period}/progress/{league}", GetProgress.League).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("One league/city's progress in a year");
        targets.MapPost("/{period}/key-units/{enterpriseId:guid}", SetKeyUnitTargets.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("A key energy-consuming unit's energy-saving and intensity targets for the period (qianjia: drc only)");
        targets.MapGet("/{period}/key-units", KeyUnitRollUp.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Key energy-consuming units rolled up to their league/city in a year: energy, CO2, savings against targets");

        var statistics = app.MapGroup("/api/v1/statistics").WithTags("Dual control");
        statistics.MapGet("/leagues/{league}", GetStatistics.Get).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("A league/city's (or the region's, 150000) statistics in force, every year");
        statistics.MapPost("/leagues/{league}/{year:int}", RecordStatistics.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Record or correct a year's (or part-year's) GDP, energy and CO2, each with its source");
        statistics.MapGet("/leagues/{league}/{year:int}/history", GetStatistics.History).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Every recording of a year's statistics, corrections and their reasons included");
        statistics.MapPost("/key-units/{enterpriseId:guid}/{year:int}", RecordKeyUnitFigures.Handle).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Record or correct a key unit's energy, CO2, savings and output of a year (qianjia: drc only)");

        var assessments = app.MapGroup("/api/v1/assessments").WithTags("Dual control");
        assessments.MapGet("/thresholds", SetWarningThresholds.Get).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("The early-warning thresholds in force and their earlier versions");
        assessments.MapPost("/thresholds", SetWarningThresholds.Handle).RequireAuthorization(Policies.Drc)
            .WithSummary("Set the early-warning thresholds (yellow band, % of the year's expected progress), with a reason");
        assessments.MapPost("/{period}/{year:int}", RunAssessment.All).RequireAuthorization(Policies.Drc)
            .WithSummary("Assess every league/city of the period for a year (or issue quarterly warnings)");
        assessments.MapPost("/{period}/{year:int}/{league}", RunAssessment.One).RequireAuthorization(Policies.Drc)
            .WithSummary("Assess one league/city's year (or issue a quarterly warning); a red annual assessment proposes an approval restriction");
        assessments.MapGet("/{period}/{year:int}", GetAssessments.Year).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Each league/city's latest assessment and warning of the year");
        assessments.MapGet("/{period}/{year:int}/{league}", GetAssessments.League).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Every assessment and warning of a league/city's year");

        var restrictions = app.MapGroup("/api/v1/restrictions").WithTags("Dual control");
        restrictions.MapGet("/", ListRestrictions.List).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("Approval restrictions (区域限批) with their status, proposals included");
        restrictions.MapGet("/{league}", ListRestrictions.Get).RequireAuthorization(Policies.DrcOrLeague)
            .WithSummary("A league/city's approval restriction and its history");
        restrictions.MapPost("/{league}/impose", ChangeRestriction.Impose).RequireAuthorization(Policies.Drc)
            .WithSummary("Impose the approval restriction, with a reason");
        restrictions.MapPost("/{league}/dismiss", ChangeRestriction.Dismiss).RequireAuthorization(Policies.Drc)
            .WithSummary("Decide not to impose a proposed restriction, with a reason");
        restrictions.MapPost("/{league}/lift", ChangeRestriction.Lift).RequireAuthorization(Policies.Drc)
            .WithSummary("Lift the approval restriction, with a reason");

        var publicApi = app.MapGroup("/api/v1/public").WithTags("Public").AllowAnonymous();
        publicApi.MapGet("/restrictions", ListRestrictions.Public).WithSummary("The approval restrictions (区域限批) in force");
        publicApi.MapGet("/bulletin/{year:int}/document", BulletinDocument.Render)
            .WithSummary("The yearly bulletin as a document (format=html|pdf, lang=zh-CN|en)");
        publicApi.MapGet("/bulletin/{year:int}", PublicBulletin.Handle)
            .WithSummary("The yearly dual-control bulletin data: each league/city's indicators, progress against its path and warning level");
        return app;
    }
}
