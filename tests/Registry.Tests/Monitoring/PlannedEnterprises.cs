using System.Net;
using System.Net.Http.Json;
using Mrv.Registry.Tests.Enterprises;

namespace Mrv.Registry.Tests.Monitoring;

/// <summary>A test enterprise of its own: a cement plant with kiln coal (NCV and carbon content measured), grid electricity and clinker, and a user.</summary>
public sealed record PlannedEnterprise(Guid Id, HttpClient Drc, HttpClient Enterprise, string Username);

public static class PlannedEnterprises
{
    public const string Password = "test-password-1";

    public static object Plan(bool measuredGridNcv = false) => new
    {
        sources = new object[]
        {
            new
            {
                sourceCode = "COAL", ncvMethod = "measured", carbonContentMethod = "measured",
                meters = new[] { new { code = "BELT-1", description = "入窑煤皮带秤", requiredAccuracy = 0.01m, calibrationDueOn = "2030-12-31" } },
                sampling = "每班采样", testing = "GB/T 213", crossCheck = "采购发票",
            },
            new
            {
                sourceCode = "GRID", ncvMethod = measuredGridNcv ? "measured" : null,
                meters = new[] { new { code = "E-1", description = "关口电能表", requiredAccuracy = 0.005m, calibrationDueOn = "2030-12-31" } },
            },
            new
            {
                sourceCode = "CLINKER",
                meters = new[] { new { code = "W-1", description = "熟料产量计量", requiredAccuracy = 0.01m, calibrationDueOn = "2030-12-31" } },
            },
        },
        products = new[] { "clinker" },
    };

    /// <summary>Registered by the DRC with its sources, a user of its own, and (unless told otherwise) its plan for the year approved.</summary>
    /// <param name="industry">The industry it is registered in (its sources are a cement plant's whatever it says).</param>
    public static async Task<PlannedEnterprise> CreateAsync(RegistryFixture registry, int year = 2025, bool approve = true, string? language = "en",
        string industry = "building_materials", string league = "150200", string county = "150203")
    {
        var drc = await registry.ClientAsync("drc", language);
        var id = await TestEnterprises.RegisterAsync(drc,
            TestEnterprises.Registration(league: league, county: county, industry: industry, nameZh: "测试水泥有限公司"));
        await Created(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities", new { code = "KILN", nameZh = "熟料线" }));
        await Created(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources",
            new { code = "COAL", facilityCode = "KILN", type = "fuel_combustion", materialCode = "bituminous", unit = "t", nameZh = "窑用煤", meter = "皮带秤" }));
        await Created(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources",
            new { code = "GRID", facilityCode = "KILN", type = "purchased_electricity", unit = "MWh", nameZh = "外购电", meter = "电能表" }));
        await Created(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources",
            new { code = "CLINKER", facilityCode = "KILN", type = "process", materialCode = "portland_clinker", unit = "t", nameZh = "熟料", meter = "产量计量" }));
        var username = "ent-" + Guid.NewGuid().ToString("N")[..10];
        await Created(drc.PostAsJsonAsync("/api/v1/users", new { username, password = Password, role = "enterprise", enterpriseId = id }));
        var enterprise = await registry.ClientAsync(username, language, Password);

        await Ok(enterprise.PutAsJsonAsync($"/api/v1/enterprises/{id}/monitoring-plans/{year}", Plan()));
        if (approve)
        {
            await Ok(enterprise.PostAsync($"/api/v1/enterprises/{id}/monitoring-plans/{year}/submit", null));
            await Ok(drc.PostAsync($"/api/v1/enterprises/{id}/monitoring-plans/{year}/approve", null));
        }
        return new PlannedEnterprise(id, drc, enterprise, username);
    }

    /// <summary>A month's data of the test plant.</summary>
    public static object Month(decimal coal = 10_000m, decimal grid = 2_000m, decimal clinker = 60_000m, decimal ncv = 21m, decimal cc = 0.0262m, string? reason = null) => new
    {
        sources = new object[]
        {
            new { sourceCode = "COAL", quantity = coal, unit = "t", ncvGjPerUnit = ncv, carbonContentTcPerGj = cc },
            new { sourceCode = "GRID", quantity = grid, unit = "MWh" },
            new { sourceCode = "CLINKER", quantity = clinker, unit = "t" },
        },
        outputs = new[] { new { product = "clinker", quantity = clinker, unit = "t" } },
        reason,
    };

    public static async Task RecordAsync(this PlannedEnterprise plant, int year, int month, object? data = null) =>
        await Ok(plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/{year}/{month}", data ?? Month()));

    public static async Task RecordYearAsync(this PlannedEnterprise plant, int year, Func<int, object>? month = null)
    {
        for (var m = 1; m <= 12; m++) await plant.RecordAsync(year, m, month?.Invoke(m));
    }

    static async Task Created(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
