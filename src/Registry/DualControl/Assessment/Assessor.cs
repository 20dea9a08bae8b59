using Mrv.EventStore;
using Mrv.Registry.DualControl.Restrictions;
using Mrv.Registry.DualControl.Statistics;
using Mrv.Registry.DualControl.Targets;

namespace Mrv.Registry.DualControl.Assessment;

/// <summary>
/// What an assessment needs from outside its own stream — the period's targets, the thresholds in
/// force, the league/city's statistics — and what follows it in the same transaction: a red annual
/// assessment proposes an approval restriction (区域限批) for the league/city.
/// </summary>
public static class Assessor
{
    public sealed record Inputs(TargetPeriod Period, Thresholds Thresholds, LeagueStatistics Statistics);

    /// <summary>The inputs for a league/city in a period; null when the period is not defined.</summary>
    public static async Task<Inputs?> LoadAsync(EventLog log, string periodCode, string leagueCode, CancellationToken ct)
    {
        var period = await log.Documents.LoadAsync<TargetPeriod>(TargetPeriod.StreamId(periodCode), ct);
        if (period is null) return null;
        var thresholds = await WarningThresholds.LoadAsync(log, ct);
        var statistics = await log.Documents.LoadAsync<LeagueStatistics>(LeagueStatistics.StreamId(leagueCode), ct);
        return new Inputs(period.Data, thresholds.State.InForce, statistics?.Data ?? LeagueStatistics.None);
    }

    public static LeagueAssessments.Assess Command(Inputs inputs, string leagueCode, int year, int throughQuarter, string? by)
    {
        var (figures, projection) = AssessedFigures.For(inputs.Statistics, year, throughQuarter);
        var period = inputs.Period;
        return new LeagueAssessments.Assess(period.Code, leagueCode, year, throughQuarter, period.Years, period.TargetsOf(leagueCode),
            inputs.Thresholds, inputs.Statistics.Figures(period.BaseYear), figures, projection, by);
    }

    /// <summary>
    /// Assesses a league/city for several years in one append (the demo's history; one year for the
    /// DRC's run over every league/city), proposing restrictions in the same transaction.
    /// </summary>
    public static async Task<IReadOnlyList<LeagueAssessed>> AssessAsync(
        CommandWriter writer, Inputs inputs, string leagueCode, IReadOnlyList<int> years, int throughQuarter, string? by,
        EventMetadata metadata, DateTimeOffset now, CancellationToken ct)
    {
        var commands = years.Select(year => Command(inputs, leagueCode, year, throughQuarter, by)).ToList();
        var written = await writer.WriteAsync(LeagueAssessments.Decider, LeagueAssessments.StreamId(inputs.Period.Code, leagueCode),
            state => Steps.DecideInTurn(state, LeagueAssessments.Evolve,
                commands.Select(command => (Func<LeagueAssessments, IReadOnlyList<object>>)(s => LeagueAssessments.Decide(command, s, now)))),
            outcome => years.Select(year => outcome.State.Latest(year, throughQuarter)!).ToList(),
            new WriteOptions { Metadata = metadata, BeforeCommit = ProposeRestrictions(writer.Log, metadata, now) }, ct);
        return written.Result;
    }

    /// <summary>
    /// Runs in the assessment's transaction: each red annual assessment it appended proposes a
    /// restriction, unless one is already proposed or in force. Quarterly warnings propose nothing:
    /// the source documents hold back regions that miss their annual targets.
    /// </summary>
    public static Func<EventTransaction, CancellationToken, Task> ProposeRestrictions(EventLog log, EventMetadata metadata, DateTimeOffset now) =>
        async (transaction, ct) =>
        {
            var reds = transaction.Appended.SelectMany(a => a.Events).Select(e => e.Data).OfType<LeagueAssessed>()
                .Where(a => a.ThroughQuarter == LeagueStatistics.WholeYear && a.Level == WarningLevels.Red)
                .ToList();
            foreach (var league in reds.GroupBy(r => r.LeagueCode))
            {
                var restriction = await log.AggregateAsync(Restriction.StreamId(league.Key), Restriction.None, Restriction.Evolve, ct: ct);
                var proposals = Steps.DecideInTurn(restriction.State, Restriction.Evolve, league.Select(red =>
                    (Func<Restriction, IReadOnlyList<object>>)(state => Restriction.Decide(
                        new Restriction.Propose(red.LeagueCode, new RestrictionBasis(red.PeriodCode, red.Year, red.Number, red.Level)), state, now))));
                if (proposals.Count > 0)
                {
                    await transaction.AppendAsync(restriction.Head, Restriction.StreamType, [.. proposals.Select(e => new NewEvent(e))], metadata, ct);
                }
            }
        };
}
