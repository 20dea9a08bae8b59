using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mrv.Registry.Tests.Enterprises;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Allowances;

/// <summary>A test enterprise of its own on a year's covered list, and the password of its user.</summary>
public sealed record Holder(Guid Id, string Username, string CreditCode);

/// <summary>A year of a test power plant: its outputs in the one month recorded (the other months explained as gaps), and its determined emissions.</summary>
public sealed record PlantYear(int Year, decimal GeneratedMwh, decimal SuppliedMwh, decimal HeatGj, decimal EmissionsTco2, bool Determine = true);

/// <summary>
/// The carbon market's test world on a registry fixture: enterprises with determined reports (a
/// month of data, the rest explained as gaps, verified and determined at chosen emissions), power
/// plants with outputs, a second DRC user for four-eyes approvals, and accounts funded by approved
/// allocation tables.
/// </summary>
public sealed class AllowanceWorld(RegistryFixture registry)
{
    /// <summary>The demo's second DRC login: approvals need someone other than the requester.</summary>
    public const string Reviewer = Mrv.Registry.Allowances.AllowancesDemo.Reviewer;

    public RegistryFixture Registry => registry;

    public Task<HttpClient> DrcAsync(string? language = "en") => registry.MoverAsync("drc", language: language);

    public Task<HttpClient> ReviewerAsync() => registry.MoverAsync(Reviewer);

    public Task<HttpClient> HolderAsync(Holder holder, bool secondFactor = true) =>
        registry.ClientAsync(holder.Username, PlannedEnterprises.Password, "en", secondFactor);

    /// <summary>A cement plant on the year's covered list with a month of data; with emissions, its year's report is determined at them.</summary>
    public async Task<Holder> EnterpriseAsync(int year = 2025, decimal? determinedTco2 = null)
    {
        var plant = await PlannedEnterprises.CreateAsync(registry, year);
        await Ok(plant.Drc.PostAsJsonAsync($"/api/v1/enterprises/{plant.Id}/covered-list/{year}", new { basis = "emissions" }));
        await plant.RecordAsync(year, 1);
        var enterprise = await (await plant.Drc.GetAsync($"/api/v1/enterprises/{plant.Id}")).JsonAsync();
        var holder = new Holder(plant.Id, plant.Username, enterprise.GetProperty("creditCode").GetString()!);
        if (determinedTco2 is { } emissions) await DetermineAsync(holder, year, emissions);
        return holder;
    }

    /// <summary>Submits the holder's report of the year (its other months explained as gaps), verifies and determines it at the emissions.</summary>
    public async Task DetermineAsync(Holder holder, int year, decimal emissionsTco2) =>
        await ReportThroughDeterminationAsync(await registry.ClientAsync("drc", "en"), await HolderAsync(holder, secondFactor: false), holder.Id, year, emissionsTco2, determine: true);

    /// <summary>A coal power plant covered in each of the years, with their reports verified and (unless told) determined.</summary>
    public async Task<Holder> PowerPlantAsync(params PlantYear[] years)
    {
        var drc = await registry.ClientAsync("drc", "en");
        var registration = TestEnterprises.Registration(industry: "power", nameZh: "测试热电有限责任公司");
        registration["gbt4754Code"] = "4411";
        var id = await TestEnterprises.RegisterAsync(drc, registration);
        await Created(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/facilities", new { code = "U1", nameZh = "1号机组" }));
        await Created(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/sources",
            new { code = "COAL", facilityCode = "U1", type = "fuel_combustion", materialCode = "bituminous", unit = "t", nameZh = "入炉煤", meter = "皮带秤" }));
        var username = "pwr-" + Guid.NewGuid().ToString("N")[..10];
        await Created(drc.PostAsJsonAsync("/api/v1/users", new { username, password = PlannedEnterprises.Password, role = "enterprise", enterpriseId = id }));
        var plant = await registry.ClientAsync(username, "en", PlannedEnterprises.Password);

        foreach (var year in years)
        {
            await Ok(drc.PostAsJsonAsync($"/api/v1/enterprises/{id}/covered-list/{year.Year}", new { basis = "emissions" }));
            await Ok(plant.PutAsJsonAsync($"/api/v1/enterprises/{id}/monitoring-plans/{year.Year}", new
            {
                sources = new[]
                {
                    new { sourceCode = "COAL", meters = new[] { new { code = "BELT", description = "入炉煤皮带秤", requiredAccuracy = 0.01m, calibrationDueOn = "2030-12-31" } } },
                },
                products = new[] { "electricity_generated", "electricity_supplied", "heat_supplied" },
            }));
            await Ok(plant.PostAsync($"/api/v1/enterprises/{id}/monitoring-plans/{year.Year}/submit", null));
            await Ok(drc.PostAsync($"/api/v1/enterprises/{id}/monitoring-plans/{year.Year}/approve", null));
            await Ok(plant.PutAsJsonAsync($"/api/v1/enterprises/{id}/activity/{year.Year}/1", new
            {
                sources = new[] { new { sourceCode = "COAL", quantity = 400_000m, unit = "t" } },
                outputs = new[]
                {
                    new { product = "electricity_generated", quantity = year.GeneratedMwh, unit = "MWh" },
                    new { product = "electricity_supplied", quantity = year.SuppliedMwh, unit = "MWh" },
                    new { product = "heat_supplied", quantity = year.HeatGj, unit = "GJ" },
                },
            }));
            await ReportThroughDeterminationAsync(drc, plant, id, year.Year, year.EmissionsTco2, year.Determine);
        }
        var enterprise = await (await drc.GetAsync($"/api/v1/enterprises/{id}")).JsonAsync();
        return new Holder(id, username, enterprise.GetProperty("creditCode").GetString()!);
    }

    static async Task ReportThroughDeterminationAsync(HttpClient drc, HttpClient enterprise, Guid id, int year, decimal emissions, bool determine)
    {
        var url = $"/api/v1/enterprises/{id}/reports/{year}";
        await Ok(enterprise.PostAsJsonAsync($"{url}/gaps", new { months = Enumerable.Range(2, 11), explanation = "测试：仅录入 1 月数据" }));
        await Ok(enterprise.PostAsync($"{url}/submit", null));
        var engagement = Guid.NewGuid();
        await Ok(drc.PostAsJsonAsync($"{url}/verification", new { engagementId = engagement }));
        await Ok(drc.PostAsJsonAsync($"{url}/verified-figures",
            new { engagementId = engagement, verifiedEmissionsTco2 = emissions, verifiedEnergyTce = Math.Round(emissions / 3m, 0), opinion = "pass" }));
        if (determine) await Ok(drc.PostAsJsonAsync($"{url}/determine", new { decision = "accept" }));
    }

    /// <summary>Uploads a table of one phase, has the DRC submit it and the reviewer approve it; returns the issued table.</summary>
    public async Task<JsonElement> IssueUploadedAsync(int year, string phase, params (Holder Holder, long Quantity)[] rows)
    {
        var drc = await DrcAsync();
        var csv = "credit_code,quantity\n" + string.Join("\n", rows.Select(r => $"{r.Holder.CreditCode},{r.Quantity}"));
        var uploaded = await drc.PostAsync($"/api/v1/allowances/allocation-tables/upload?year={year}&phase={phase}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        return await ApproveAsync((await uploaded.JsonAsync()).GetProperty("id").GetGuid());
    }

    /// <summary>The DRC submits a computed table and the reviewer approves it.</summary>
    public async Task<JsonElement> ApproveAsync(Guid tableId)
    {
        var drc = await DrcAsync();
        await Ok(drc.PostAsync($"/api/v1/allowances/allocation-tables/{tableId}/submit", null));
        var reviewer = await ReviewerAsync();
        var approved = await reviewer.PostAsync($"/api/v1/allowances/allocation-tables/{tableId}/approve", null);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        return await approved.JsonAsync();
    }

    public async Task<JsonElement> AccountAsync(Guid accountId)
    {
        var drc = await registry.ClientAsync("drc", "en");
        var response = await drc.GetAsync($"/api/v1/allowances/accounts/{accountId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static long HeldOf(JsonElement account, int vintage) =>
        account.GetProperty("holdings").EnumerateArray().Where(h => h.GetProperty("vintage").GetInt32() == vintage).Sum(h => h.GetProperty("quantity").GetInt64());

    public static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task Created(Task<HttpResponseMessage> request)
    {
        var response = await request;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
