using Mrv.Verification.Agencies;
using Mrv.Verification.Assignment;
using Mrv.Verification.Engagements;
using Mrv.Verification.Ports;

namespace Mrv.Verification.Tests;

/// <summary>Agencies, subjects and engagements folded from their own decide functions, for the decider specs.</summary>
public static class Builders
{
    public static readonly DateTimeOffset Now = new(2025, 5, 10, 10, 0, 0, TimeSpan.FromHours(8));
    public const string CreditCode = "91150203MA0000001A";

    public static VerificationSubject Subject(int year = 2024, string industry = "power", bool submitted = true) => new(
        Guid.Parse("11111111-1111-1111-1111-111111111111"), year, CreditCode, "测试热电有限公司", null, "150200", industry,
        submitted ? "submitted" : "draft", submitted,
        new ReportedFigures(1_000m, 400m, [new("COAL", "燃煤", null, 900m, 380m), new("GRID", "外购电", null, 100m, 20m)]), new DateOnly(year + 1, 6, 30));

    public static Agency Fold(Agency state, params IReadOnlyList<object>[] decided) => decided.SelectMany(d => d).Aggregate(state, Agency.Evolve);

    public static Agency NewAgency(string name = "甲核查", int cap = 10, params string[] scopes)
    {
        var id = Guid.NewGuid();
        var agency = Fold(Agency.None, Agency.Decide(
            new Agency.Register(id, name, null, "91150105MA0B1C2D3X", scopes.Length == 0 ? ["power"] : scopes, cap, "drc"), Agency.None, Now));
        foreach (var (username, qualifications) in new[]
                 {
                     ("lead", new[] { Qualifications.LeadVerifier, Qualifications.Verifier }), ("member", new[] { Qualifications.Verifier }),
                     ("reviewer", new[] { Qualifications.TechnicalReviewer }),
                 })
        {
            agency = Fold(agency, Agency.Decide(new Agency.RegisterVerifier(Guid.NewGuid(), username, null, username, "C-" + username,
                qualifications, ["power"], "drc"), agency, Now));
        }
        return agency;
    }

    public static Verifier Person(this Agency agency, string username) => agency.VerifierByUsername(username)!;

    public static EligibilityFacts Facts(VerificationSubject subject, IReadOnlyList<Agency> agencies, DateOnly? today = null,
        IReadOnlyDictionary<int, Guid>? earlier = null, IReadOnlyDictionary<Guid, int>? workload = null) =>
        new(subject, agencies, earlier ?? new Dictionary<int, Guid>(), workload ?? new Dictionary<Guid, int>(), today ?? BusinessDay.Of(Now));

    public static Engagement Given(params IEnumerable<object>[] events) => events.SelectMany(e => e).Aggregate(Engagement.None, Engagement.Evolve);

    public static Engagement Then(this Engagement state, IReadOnlyList<object> decided) => decided.Aggregate(state, Engagement.Evolve);

    /// <summary>An engagement of <paramref name="agency"/> accepted and planned (lead, member, reviewer), documents reviewed and the site visited.</summary>
    public static Engagement InFieldwork(Agency agency)
    {
        var id = Guid.NewGuid();
        var state = Engagement.None.Then(Engagement.Decide(new Engagement.Open(id, agency.Id, agency.NameZh, Subject(), AssignmentMethods.Draw, "drc"), Engagement.None, Now));
        state = state.Then(Engagement.Decide(new Engagement.Accept(agency.Person("lead"), "无利益冲突"), state, Now));
        state = state.Then(Engagement.Decide(new Engagement.Plan(agency.Person("lead"), [agency.Person("member")], agency.Person("reviewer"), null, null, "lead"), state, Now));
        state = state.Then(Engagement.Decide(new Engagement.ReviewDocuments(new DateOnly(2025, 5, 10), "已审阅", agency.Person("member")), state, Now));
        return state.Then(Engagement.Decide(new Engagement.VisitSite(new DateOnly(2025, 5, 10), [agency.Person("lead")], [], "已现场核查", agency.Person("lead")), state, Now));
    }

    public static IReadOnlyList<VerifiedSource> Verified(decimal factor) => [new("COAL", 900m * factor, 380m * factor), new("GRID", 100m * factor, 20m * factor)];

    public static string Refusal(Func<object> decide) => Should.Throw<EventStore.DomainRuleViolation>(() => decide()).Code;
}
