using Mrv.EventStore;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Verifying;
using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;

namespace Mrv.Registry.Demo;

/// <summary>
/// The synthetic province's verification agencies (合成核查机构): six, each registered for every
/// industry with two lead verifiers, a verifier and a technical reviewer, and a yearly workload cap
/// with room for a quarter more than its share of the province. The synthetic enterprises are drawn
/// among these six only, so that the demo's own agencies keep the demo's workloads.
/// </summary>
internal static class ScaleAgencies
{
    public const int Count = 6;

    static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六"];

    static readonly (string Role, string NameZh, string[] Qualifications)[] People =
    [
        ("lead1", "组长甲", [Qualifications.LeadVerifier, Qualifications.Verifier]),
        ("lead2", "组长乙", [Qualifications.LeadVerifier, Qualifications.Verifier]),
        ("member", "核查员丙", [Qualifications.Verifier]),
        ("reviewer", "复核人丁", [Qualifications.TechnicalReviewer]),
    ];

    static readonly DateTimeOffset RegisteredAt = ScaleSeed.At(2023, 10, 9);

    /// <summary>When a larger province raises the caps: before the first draws of 2023's reports.</summary>
    static readonly DateTimeOffset CapsRaisedAt = ScaleSeed.At(2024, 4, 1);

    public static Guid IdOf(int k) => DemoData.IdFor($"scale:agency:{k}");

    public static IReadOnlyList<Guid> Ids { get; } = [.. Enumerable.Range(1, Count).Select(IdOf)];

    /// <summary>Engagements a year each agency may take for a province of <paramref name="enterprises"/>: a quarter over its share, in whole hundreds.</summary>
    public static int CapFor(int enterprises) => (int)Math.Ceiling(enterprises * 1.25m / Count / 100m) * 100;

    /// <summary>Registers the agencies that are not there yet and raises the caps of those that are, if the province grew past them.</summary>
    public static async Task PrepareAsync(EventLog log, PendingStreams pending, int enterprises, CancellationToken ct)
    {
        var cap = CapFor(enterprises);
        for (var k = 1; k <= Count; k++)
        {
            var id = IdOf(k);
            var stream = Agency.StreamId(id);
            var existing = await log.AggregateAsync(stream, Agency.None, Agency.Evolve, ct: ct);
            if (existing.Exists)
            {
                pending.Track(Agency.Decider, existing);
                if (existing.State.WorkloadCap >= cap) continue;
                pending.Apply(Agency.Decider, stream, state => Agency.Decide(new Agency.ChangeScope(Industries.All, cap,
                    $"合成省份扩大到 {enterprises} 家企业，年度核查任务上限相应提高", VerificationScript.Drc), state, CapsRaisedAt), CapsRaisedAt);
                continue;
            }
            var numeral = Numerals[k - 1];
            pending.Apply(Agency.Decider, stream, state => Agency.Decide(new Agency.Register(id, $"合成第{numeral}碳核查技术服务有限公司",
                $"Synthetic Carbon Verification No. {k} Co., Ltd.", CreditCode.Complete($"91150105MA0E1F2G{k}"), Industries.All, cap, VerificationScript.Drc),
                state, RegisteredAt), RegisteredAt);
            foreach (var (role, nameZh, qualifications) in People)
            {
                var username = $"scale{k}-{role}";
                pending.Apply(Agency.Decider, stream, state => Agency.Decide(new Agency.RegisterVerifier(DemoData.IdFor("verifier:" + username),
                    $"合成{numeral}·{nameZh}", $"Synthetic {k} {role}", username, "CCER-VR-" + username.ToUpperInvariant(), qualifications, Industries.All,
                    VerificationScript.Drc), state, RegisteredAt), RegisteredAt);
            }
        }
    }

    /// <summary>The agencies as they stand now, to be drawn among.</summary>
    public static async Task<IReadOnlyList<Aggregate<Agency>>> LoadAsync(EventLog log, CancellationToken ct)
    {
        var agencies = new List<Aggregate<Agency>>();
        foreach (var id in Ids) agencies.Add(await log.AggregateAsync(Agency.StreamId(id), Agency.None, Agency.Evolve, ct: ct));
        return agencies;
    }

    /// <summary>Each agency's engagements in the years so far, from the workload documents.</summary>
    public static async Task<Dictionary<(Guid Agency, int Year), int>> WorkloadAsync(EventLog log, IReadOnlyList<int> years, CancellationToken ct)
    {
        var keys = Ids.SelectMany(id => years.Select(year => AgencyWorkload.Key(id, year))).ToList();
        var documents = await log.Documents.QueryAsync<AgencyWorkload>(new DocumentQuery { Ids = keys, Limit = keys.Count }, ct);
        return documents.Items.ToDictionary(d => (d.Data.AgencyId, d.Data.Year), d => d.Data.Count);
    }
}
