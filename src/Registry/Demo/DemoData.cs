using System.Security.Cryptography;
using System.Text;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Auth;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Factors;

namespace Mrv.Registry.Demo;

/// <summary>
/// The demo province behind <c>./mrv up</c>: the factor table, fictional enterprises in every
/// league/city, and one user per role with a published password. Seeding goes through the same
/// decide functions as the API and is idempotent: a second run appends nothing. Outside demo mode
/// nothing here runs, so no default password exists.
/// </summary>
public sealed class DemoData(CommandWriter writer, Credentials credentials, TimeProvider time, Verifying.DemoDocuments documents)
{
    public const string Password = "mrv-demo";
    public const string Seeder = "demo-seed";

    /// <summary>Stable ids for demo objects, so a re-seed and later demo data refer to the same things.</summary>
    public static Guid IdFor(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes("mrv-demo:" + name)));

    /// <summary>The enterprise of the <c>enterprise-demo</c> login: its id follows from its credit code, as every enterprise's does.</summary>
    public static readonly Guid DemoEnterpriseId = DemoEnterprises.All[0].Id;
    public static readonly Guid DemoAgencyId = IdFor("agency:northern-verification");

    static readonly EventMetadata Metadata = new(Seeder, Seeder, null);

    public static IReadOnlyList<(string Username, string Role, string? League, Guid? Enterprise, Guid? Agency, string Who)> Users { get; } =
    [
        ("drc", Roles.Drc, null, null, null, "自治区发展改革委 / autonomous-region DRC"),
        ("league-baotou", Roles.League, "150200", null, null, "包头市发展改革委 / Baotou city DRC"),
        ("enterprise-demo", Roles.Enterprise, null, DemoEnterpriseId, null, "重点排放单位 / covered enterprise"),
        ("verifier-demo", Roles.Verifier, null, null, DemoAgencyId, "第三方核查机构 / verification agency"),
    ];

    public async Task SeedAsync(TextWriter output, CancellationToken ct = default)
    {
        await FactorTableSeed.EnsureAsync(writer, time, ct);
        var now = time.GetUtcNow();
        for (var i = 0; i < DemoEnterprises.All.Count; i++)
        {
            var demo = DemoEnterprises.All[i];
            var steps = Steps(demo, i, now);
            await writer.WriteAsync(Enterprise.Decider, Enterprise.StreamId(demo.Id),
                state => steps.Aggregate((Events: new List<object>(), State: state), (done, step) =>
                {
                    var events = step(done.State);
                    done.Events.AddRange(events);
                    return (done.Events, events.Aggregate(done.State, Enterprise.Evolve));
                }).Events,
                outcome => outcome.Appended.Count, new WriteOptions { Metadata = Metadata }, ct);
        }

        foreach (var (username, role, league, enterprise, agency, _) in Users)
        {
            await EnsureUserAsync(writer, credentials, new User.Create(username, role, league, enterprise, agency, Seeder), now, ct);
        }

        output.WriteLine($"Demo enterprises (fictional): {DemoEnterprises.All.Count} in {DemoEnterprises.All.Select(d => d.LeagueCode).Distinct().Count()} leagues/cities; " +
                         $"demo login enterprise: {DemoEnterprises.All[0].Registration(0).NameZh} ({DemoEnterprises.All[0].CreditCode}).");
        output.WriteLine("Demo logins (password for all: " + Password + "):");
        foreach (var (username, role, league, _, _, who) in Users)
        {
            output.WriteLine($"  {username,-16} role {role,-10} {who}{(league is null ? "" : " " + league)}");
        }
        await DualControl.DualControlDemo.SeedAsync(writer, time, output, ct);
        await Reporting.ReportingDemo.SeedAsync(writer, time, output, ct);
        await Verifying.VerificationDemo.SeedAsync(writer, output, ct);
        await Allowances.AllowancesDemo.SeedAsync(writer, credentials, time, output, ct);
        await documents.SeedAsync(output, ct);
    }

    /// <summary>A demo user with the demo password, unless the user exists.</summary>
    public static Task EnsureUserAsync(CommandWriter writer, Credentials credentials, User.Create command, DateTimeOffset now, CancellationToken ct) =>
        writer.WriteAsync(User.Decider, User.StreamId(command.Username),
            state => state.Exists ? [] : User.Decide(command, state, now),
            outcome => outcome.Appended.Count,
            new WriteOptions
            {
                Metadata = Metadata,
                BeforeCommit = (transaction, token) => transaction.Appended.Count == 0
                    ? Task.CompletedTask
                    : credentials.SetAsync(transaction.Connection, transaction.Transaction, command.Username, Password, token),
            }, ct);

    /// <summary>What the demo enterprise should have, each step giving no events once it is there.</summary>
    internal static List<Func<Enterprise, IReadOnlyList<object>>> Steps(DemoEnterprises.Demo demo, int index, DateTimeOffset now)
    {
        var steps = new List<Func<Enterprise, IReadOnlyList<object>>>
        {
            state => state.Exists ? [] : Enterprise.Decide(demo.Registration(index), state, now),
        };
        foreach (var (code, name) in demo.Kind.Facilities)
        {
            steps.Add(state => state.FacilityOf(code) is not null ? [] : Enterprise.Decide(new Enterprise.AddFacility(code, name, null, Seeder), state, now));
        }
        foreach (var source in demo.Kind.Sources)
        {
            steps.Add(state => state.SourceOf(source.SourceCode) is not null ? [] : Enterprise.Decide(source, state, now));
        }
        foreach (var year in demo.Kind.CoveredYears)
        {
            var include = new Enterprise.Include(year, CoveredListBasis.Emissions, null, null, Seeder);
            steps.Add(state => state.CoveredIn(year) is not null ? [] : Enterprise.Decide(include, state, now));
        }
        if (demo == DemoEnterprises.ClosedPlant)
        {
            foreach (var (unit, _) in demo.Kind.Facilities)
            {
                steps.Add(state => Enterprise.Decide(new Enterprise.Close(false, unit, new DateOnly(2024, 6, 30), "机组关停 / unit shut down", Seeder), state, now));
            }
            steps.Add(state => Enterprise.Decide(new Enterprise.Remove(2024, RemovalReasons.Closed, "全厂机组于 2024 年 6 月关停。", Seeder), state, now));
        }
        if (demo.Kind.Tier is { } tier)
        {
            // From 2021, the first year of the 14th Five-Year Plan, whose key-unit lists the demo stands for.
            steps.Add(state => state.KeyEnergyUnit is not null ? [] : Enterprise.Decide(new Enterprise.SetTier(tier, 2021, Seeder), state, now));
        }
        return steps;
    }
}
