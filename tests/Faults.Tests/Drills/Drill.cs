using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Mrv.EventStore;
using Mrv.EventStore.Http;
using Mrv.Registry.Auth;
using Mrv.Registry.Enterprises;
using Mrv.Registry.Hosting;
using Mrv.Testing;

namespace Mrv.Faults.Tests.Drills;

/// <summary>What the drills do through the registry's API: sign in, register enterprises, import them, create users.</summary>
public static class Drill
{
    public const string DrcUser = "drill-drc";
    public const string DrcPassword = "drill-password-1";

    /// <summary>
    /// The application role's password. The role is shared by every database of a cluster, so on the
    /// registry's own cluster it must stay the one every other test uses.
    /// </summary>
    public static string AppRolePassword => TestDatabase.AppRolePassword;

    /// <summary>Every module's migrations on a test database of the registry's own cluster.</summary>
    public static Task MigrateAsync(string admin) => RegistrySchema.MigrateAsync(
        new RegistryDatabase(admin, admin, TestDatabase.AppRole, TestDatabase.AppRolePassword), RegistryApp.StoreOptions(), NullLogger.Instance);

    public static HttpClient Client(string baseUrl, TimeSpan? timeout = null) =>
        new() { BaseAddress = new Uri(baseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>A DRC user, written through the registry's own write path with its password beside it.</summary>
    public static async Task SeedDrcAsync(IServiceProvider services)
    {
        var writer = services.GetRequiredService<CommandWriter>();
        var credentials = services.GetRequiredService<Credentials>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var command = new User.Create(DrcUser, Roles.Drc, null, null, null, "drill");
        await writer.WriteAsync(User.Decider, User.StreamId(DrcUser),
            state => state.Exists ? [] : User.Decide(command, state, now),
            outcome => outcome.Appended.Count,
            new WriteOptions
            {
                BeforeCommit = (transaction, ct) => credentials.SetAsync(transaction.Connection, transaction.Transaction, DrcUser, DrcPassword, ct),
            });
    }

    public static async Task<HttpClient> SignInAsync(string baseUrl, string username = DrcUser, string password = DrcPassword)
    {
        var client = Client(baseUrl);
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A valid credit code (GB 32100 check character) nobody else uses: a Baotou county, a random organisation part.</summary>
    public static string NewCreditCode() =>
        CreditCode.Complete("91150203" + string.Concat(Enumerable.Range(0, 9).Select(_ => CreditCode.Charset[Random.Shared.Next(10, CreditCode.Charset.Length)])));

    public static Dictionary<string, object?> Registration(string creditCode, string nameZh = "演练测试有限公司") => new()
    {
        ["creditCode"] = creditCode,
        ["nameZh"] = nameZh,
        ["nameEn"] = "Drill Test Co., Ltd.",
        ["leagueCode"] = "150200",
        ["countyCode"] = "150203",
        ["industry"] = "steel",
        ["gbt4754Code"] = "3120",
        ["address"] = "内蒙古自治区包头市演练路1号",
        ["contactName"] = "演练员",
        ["contactPhone"] = "0472-1234567",
    };

    /// <summary>An import file of the given enterprises (the DRC's CSV).</summary>
    public static ByteArrayContent ImportFile(IEnumerable<string> creditCodes)
    {
        var rows = creditCodes.Select(code =>
            $"{code},演练导入测试有限公司,Drill Import Co.,150200,150203,steel,3120,内蒙古自治区包头市演练路2号,演练员,0472-1234567");
        var text = string.Join("\r\n",
            ["credit_code,name_zh,name_en,league_code,county_code,industry,gbt4754_code,address,contact_name,contact_phone", .. rows]) + "\r\n";
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return content;
    }

    public static Task<JsonElement> JsonAsync(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<JsonElement>();
}
