using FluentValidation;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Calendar;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;
using Mrv.Registry.Regions;

namespace Mrv.Registry.DualControl.Assessment;

/// <param name="ThroughQuarter">4 (the default) for the annual assessment; 1–3 for a quarterly early warning from partial-year figures.</param>
public sealed record RunAssessmentRequest(int? ThroughQuarter);

public sealed class RunAssessmentRequestValidator : AbstractValidator<RunAssessmentRequest>
{
    public RunAssessmentRequestValidator()
    {
        RuleFor(r => r.ThroughQuarter).InclusiveBetween(1, 4).WithErrorCode("quarter")
            .WithMessage(_ => new LocalizedText("throughQuarter 须为 1–4（4 为年度评价）。", "throughQuarter is 1–4 (4 for the annual assessment).").ToString());
    }
}

/// <param name="RestrictionProposed">This red annual assessment proposed an approval restriction.</param>
public sealed record AssessmentResult(LeagueAssessed Assessment, bool RestrictionProposed);

public sealed record SkippedAssessment(string LeagueCode, string Code, string Message);

/// <summary>
/// POST /api/v1/assessments/{period}/{year}/{league} and /api/v1/assessments/{period}/{year} (drc) —
/// assesses a league/city's year (or issues a quarterly warning) on the statistics, targets and
/// thresholds in force, for one league/city or for every league/city of the period.
/// </summary>
public static class RunAssessment
{
    public static async Task<IResult> One(string period, int year, string league, RunAssessmentRequest request, HttpContext http, EventLog log, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        if (!Leagues.IsLeagueCode(league)) return Problems.NotFound(http);
        var inputs = await Assessor.LoadAsync(log, period, league, http.RequestAborted);
        if (inputs is null) return Problems.NotFound(http);

        var quarter = request.ThroughQuarter ?? LeagueStatistics.WholeYear;
        var command = Assessor.Command(inputs, league, year, quarter, Caller.From(http.User)!.Username);
        var now = time.GetUtcNow();
        var propose = Assessor.ProposeRestrictions(log, HttpCommands.MetadataOf(http), now);
        var proposed = false;
        return await http.ExecuteAsync(LeagueAssessments.Decider, LeagueAssessments.StreamId(period, league), request,
            state => LeagueAssessments.Decide(command, state, now),
            outcome => CommandResponse.Ok(outcome.Head.Version, new AssessmentResult(outcome.State.Latest(year, quarter)!, proposed)),
            async (transaction, ct) =>
            {
                var before = transaction.Appended.Count;
                await propose(transaction, ct);
                proposed = transaction.Appended.Count > before;
            });
    }

    /// <summary>Every league/city of the period; one whose figures are missing is skipped and named, the others are assessed.</summary>
    public static async Task<IResult> All(string period, int year, RunAssessmentRequest request, HttpContext http, EventLog log, CommandWriter writer, TimeProvider time)
    {
        if (!DataYear.IsValid(year)) return DataYear.Invalid("year", http);
        var targets = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(period), http.RequestAborted);
        if (targets is null) return Problems.NotFound(http);

        var quarter = request.ThroughQuarter ?? LeagueStatistics.WholeYear;
        var by = Caller.From(http.User)!.Username;
        var metadata = HttpCommands.MetadataOf(http);
        var now = time.GetUtcNow();
        var assessed = new List<LeagueAssessed>();
        var skipped = new List<SkippedAssessment>();
        foreach (var league in targets.Data.LeagueTargets.Select(l => l.LeagueCode))
        {
            var inputs = (await Assessor.LoadAsync(log, period, league, http.RequestAborted))!;
            try
            {
                assessed.AddRange(await Assessor.AssessAsync(writer, inputs, league, [year], quarter, by, metadata, now, http.RequestAborted));
            }
            catch (DomainRuleViolation violation)
            {
                skipped.Add(new SkippedAssessment(league, violation.Code, violation.Text.ToString()));
            }
        }
        return TypedResults.Ok(new { period, year, throughQuarter = quarter, items = assessed, skipped });
    }
}
