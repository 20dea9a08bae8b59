using System.Security.Cryptography;
using System.Text;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Auth;

namespace Mrv.Registry.Demo;

/// <summary>
/// The demo province behind <c>./mrv up</c>: one user per role with a published password. Seeding is
/// idempotent. Outside demo mode nothing here runs, so no default password exists.
/// </summary>
public sealed class DemoData(CommandWriter writer, Credentials credentials, TimeProvider time)
{
    public const string Password = "mrv-demo";

    /// <summary>Stable ids for demo objects, so a re-seed and later demo data refer to the same things.</summary>
    public static Guid IdFor(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes("mrv-demo:" + name)));

    public static readonly Guid DemoEnterpriseId = IdFor("enterprise:baotou-steel-power");
    public static readonly Guid DemoAgencyId = IdFor("agency:northern-verification");

    public static IReadOnlyList<(string Username, string Role, string? League, Guid? Enterprise, Guid? Agency, string Who)> Users { get; } =
    [
        ("drc", Roles.Drc, null, null, null, "自治区发展改革委 / autonomous-region DRC"),
        ("league-baotou", Roles.League, "150200", null, null, "包头市发展改革委 / Baotou city DRC"),
        ("enterprise-demo", Roles.Enterprise, null, DemoEnterpriseId, null, "重点排放单位 / covered enterprise"),
        ("verifier-demo", Roles.Verifier, null, null, DemoAgencyId, "第三方核查机构 / verification agency"),
    ];

    public async Task SeedAsync(TextWriter output, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        foreach (var (username, role, league, enterprise, agency, _) in Users)
        {
            var command = new User.Create(username, role, league, enterprise, agency, "demo-seed");
            await writer.WriteAsync(User.Decider, User.StreamId(username),
                state => state.Exists ? [] : User.Decide(command, state, now),
                outcome => outcome.Appended.Count,
                new WriteOptions
                {
                    Metadata = new EventMetadata("demo-seed", "demo-seed", null),
                    BeforeCommit = (transaction, token) => transaction.Appended.Count == 0
                        ? Task.CompletedTask
                        : credentials.SetAsync(transaction.Connection, transaction.Transaction, username, Password, token),
                }, ct);
        }

        output.WriteLine("Demo logins (password for all: " + Password + "):");
        foreach (var (username, role, league, _, _, who) in Users)
        {
            output.WriteLine($"  {username,-16} role {role,-10} {who}{(league is null ? "" : " " + league)}");
        }
    }
}
