using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Registry.Enterprises;

namespace Mrv.Registry.Tests.Enterprises;

/// <summary>Valid registrations with fresh credit codes, for tests that need enterprises of their own.</summary>
public static class TestEnterprises
{
    static int counter;

    /// <summary>A valid code (GB 32100 check character) that no other test and no demo enterprise uses.</summary>
    public static string NewCreditCode(string county = "150203") =>
        CreditCode.Complete("91" + county + "T" + Interlocked.Increment(ref counter).ToString("D4") + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant());

    public static Dictionary<string, object?> Registration(string? creditCode = null, string league = "150200", string county = "150203",
        string industry = "steel", string nameZh = "测试钢铁有限公司") => new()
    {
        ["creditCode"] = creditCode ?? NewCreditCode(county),
        ["nameZh"] = nameZh,
        ["nameEn"] = "Test Steel Co., Ltd.",
        ["leagueCode"] = league,
        ["countyCode"] = county,
        ["industry"] = industry,
        ["gbt4754Code"] = "3120",
        ["address"] = "内蒙古自治区包头市测试路1号",
        ["contactName"] = "测试员",
        ["contactPhone"] = "0472-1234567",
    };

    /// <summary>Registers through the API and returns the new enterprise's id.</summary>
    public static async Task<Guid> RegisterAsync(HttpClient client, Dictionary<string, object?> registration)
    {
        var response = await client.PostAsJsonAsync("/api/v1/enterprises", registration);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();
}
