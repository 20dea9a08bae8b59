using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mrv.Registry.Tests.Monitoring;

namespace Mrv.Registry.Tests.Reporting;

public sealed class ReportTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    static decimal Kg(decimal tonnes) => Math.Round(tonnes, 3, MidpointRounding.AwayFromZero);

    /// <summary>One month of the test plant by hand: measured coal, grid electricity of 2025 (the 2022+ series), clinker.</summary>
    static decimal MonthTco2(decimal coal = 10_000m, decimal ncv = 21m, decimal cc = 0.0262m) =>
        Kg(coal * ncv * cc * 0.93m * 44m / 12m) + 2_000m * 0.5703m + 60_000m * 0.535m;

    static decimal MonthTce(decimal coal = 10_000m, decimal ncv = 21m) => Kg(coal * ncv / 29.3076m) + 2_000m * 0.1229m;

    static async Task<JsonElement> ReportAsync(HttpClient client, Guid id, int year = 2025, string query = "") =>
        await (await client.GetAsync($"/api/v1/enterprises/{id}/reports/{year}{query}")).JsonAsync();

    static IEnumerable<string> Codes(JsonElement report, string severity) =>
        report.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("severity").GetString() == severity).Select(c => c.GetProperty("code").GetString()!);

    [Fact]
    public async Task a_draft_is_computed_from_the_data_and_missing_months_block_submission()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordAsync(2025, 1);
        await plant.RecordAsync(2025, 2);

        var report = await ReportAsync(plant.Enterprise, plant.Id);
        var submit = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null);

        report.GetProperty("status").GetString().ShouldBe("none");
        report.GetProperty("figuresFrom").GetString().ShouldBe("current_data");
        report.GetProperty("canSubmit").GetBoolean().ShouldBeFalse();
        var calculation = report.GetProperty("calculation");
        calculation.GetProperty("totalTco2").GetDecimal().ShouldBe(2 * MonthTco2());
        calculation.GetProperty("energyTce").GetDecimal().ShouldBe(2 * MonthTce());
        calculation.GetProperty("byMonth")[0].GetProperty("lines")[0].GetProperty("explanation").GetString()!.ShouldContain("measured");
        Codes(report, "error").Count(c => c == "missing_month").ShouldBe(10);
        var problem = await submit.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().ShouldBe("report.data_quality_errors");
        problem.GetProperty("checks").GetArrayLength().ShouldBe(10);
        (await registry.CountAsync($"select count(*) from eventstore.events where stream_id = 'report-{plant.Id}-2025'")).ShouldBe(0);
    }

    [Fact]
    public async Task a_complete_year_is_submitted_with_its_figures_frozen_and_intensities_compared()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordYearAsync(2025);

        var submit = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null);
        var report = await ReportAsync(plant.Drc, plant.Id);

        submit.StatusCode.ShouldBe(HttpStatusCode.OK, await submit.Content.ReadAsStringAsync());
        report.GetProperty("status").GetString().ShouldBe("submitted");
        report.GetProperty("figuresFrom").GetString().ShouldBe("submission");
        report.GetProperty("submission").GetProperty("late").GetBoolean().ShouldBeFalse();
        report.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ShouldBe(12 * MonthTco2());
        report.GetProperty("calculation").GetProperty("indirectTco2").GetDecimal().ShouldBe(12 * 2_000m * 0.5703m);
        var clinker = report.GetProperty("calculation").GetProperty("intensities").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "clinker_co2_intensity");
        clinker.GetProperty("value").GetDecimal().ShouldBe(Math.Round(12 * MonthTco2() / (12 * 60_000m), 4, MidpointRounding.AwayFromZero));
        report.GetProperty("inputs").GetProperty("planVersion").GetInt32().ShouldBe(1);
        report.GetProperty("inputs").GetProperty("factorTableVersion").GetInt32().ShouldBe(1);
        Codes(report, "warning").ShouldContain("single_source");
        Codes(report, "warning").ShouldContain("late_month");
    }

    [Fact]
    public async Task a_submitted_figure_is_reproducible_as_of_its_submission_while_later_corrections_wait_for_a_reopening()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordYearAsync(2025);
        registry.Clock.Advance(TimeSpan.FromMinutes(1));
        await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null);
        var submittedAt = registry.Clock.GetUtcNow();
        registry.Clock.Advance(TimeSpan.FromMinutes(2));

        var withoutReason = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/6", PlannedEnterprises.Month(coal: 12_000m));
        var correction = await plant.Enterprise.PutAsJsonAsync($"/api/v1/enterprises/{plant.Id}/activity/2025/6",
            PlannedEnterprises.Month(coal: 12_000m, reason: "皮带秤复核后更正"));
        var stillSubmitted = await ReportAsync(plant.Enterprise, plant.Id);
        registry.Clock.Advance(TimeSpan.FromMinutes(1));
        var reopened = await plant.Drc.PostAsJsonAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/reopen", new { reason = "6 月燃煤量更正，请重新提交" });
        var draft = await ReportAsync(plant.Enterprise, plant.Id);
        var asSubmitted = await ReportAsync(plant.Enterprise, plant.Id, query: $"?asOf={Uri.EscapeDataString(submittedAt.AddSeconds(1).ToString("O"))}");
        var beforeSubmission = await ReportAsync(plant.Enterprise, plant.Id, query: $"?asOf={Uri.EscapeDataString(submittedAt.AddSeconds(-1).ToString("O"))}");

        (await withoutReason.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("activity.reason_required");
        correction.StatusCode.ShouldBe(HttpStatusCode.OK);
        stillSubmitted.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ShouldBe(12 * MonthTco2());
        reopened.StatusCode.ShouldBe(HttpStatusCode.OK);
        draft.GetProperty("status").GetString().ShouldBe("draft");
        draft.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ShouldBe(11 * MonthTco2() + MonthTco2(coal: 12_000m));
        draft.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("step").GetString()).ShouldBe(["opened", "submitted", "reopened"]);
        asSubmitted.GetProperty("status").GetString().ShouldBe("submitted");
        asSubmitted.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ShouldBe(12 * MonthTco2());
        beforeSubmission.GetProperty("status").GetString().ShouldBe("none");
        beforeSubmission.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ShouldBe(12 * MonthTco2());

        var resubmitted = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null);
        (await resubmitted.JsonAsync()).GetProperty("submission").GetProperty("number").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task explained_gaps_turn_missing_months_into_warnings_and_the_report_can_be_submitted()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        for (var month = 1; month <= 10; month++) await plant.RecordAsync(2025, month);

        var explained = await plant.Enterprise.PostAsJsonAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/gaps",
            new { months = new[] { 12, 11 }, explanation = "熟料线冬季错峰停产" });
        var report = await ReportAsync(plant.Enterprise, plant.Id);
        var submit = await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null);

        explained.StatusCode.ShouldBe(HttpStatusCode.OK);
        report.GetProperty("canSubmit").GetBoolean().ShouldBeTrue();
        Codes(report, "warning").Count(c => c == "gap_explained").ShouldBe(2);
        report.GetProperty("gaps")[0].GetProperty("months").EnumerateArray().Select(m => m.GetInt32()).ShouldBe([11, 12]);
        submit.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_month_far_from_the_median_and_an_uncalibrated_meter_are_warnings_that_do_not_block()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordYearAsync(2025, month => month switch
        {
            7 => PlannedEnterprises.Month(coal: 14_000m),
            _ => PlannedEnterprises.Month(),
        });
        await plant.RecordAsync(2025, 8, new
        {
            sources = new object[]
            {
                new { sourceCode = "COAL", quantity = 10_000m, unit = "t", ncvGjPerUnit = 21m, carbonContentTcPerGj = 0.0262m },
                new { sourceCode = "GRID", quantity = 2_000m, unit = "MWh", meterCalibrated = false },
                new { sourceCode = "CLINKER", quantity = 60_000m, unit = "t" },
            },
            outputs = new[] { new { product = "clinker", quantity = 60_000m, unit = "t" } },
        });

        var report = await ReportAsync(plant.Enterprise, plant.Id);

        report.GetProperty("canSubmit").GetBoolean().ShouldBeTrue();
        var deviation = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "monthly_deviation");
        deviation.GetProperty("month").GetInt32().ShouldBe(7);
        deviation.GetProperty("sourceCode").GetString().ShouldBe("COAL");
        deviation.GetProperty("message").GetString()!.ShouldContain("40");
        Codes(report, "warning").ShouldContain("meter_adjustment");
        var august = report.GetProperty("calculation").GetProperty("byMonth")[7].GetProperty("lines")[1];
        august.GetProperty("quantityUsed").GetDecimal().ShouldBe(2_000m * 1.005m);
        august.GetProperty("tco2").GetDecimal().ShouldBe(Kg(2_010m * 0.5703m));
    }

    [Fact]
    public async Task verification_and_determination_follow_submission_and_the_drc_overrides_only_with_a_reason()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);
        await plant.RecordYearAsync(2025);
        await plant.Enterprise.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null);
        var engagement = Guid.NewGuid();
        var url = $"/api/v1/enterprises/{plant.Id}/reports/2025";

        var byEnterprise = await plant.Enterprise.PostAsJsonAsync($"{url}/determine", new { decision = "accept" });
        var tooEarly = await plant.Drc.PostAsJsonAsync($"{url}/determine", new { decision = "accept" });
        var started = await plant.Drc.PostAsJsonAsync($"{url}/verification", new { engagementId = engagement });
        var otherEngagement = await plant.Drc.PostAsJsonAsync($"{url}/verified-figures",
            new { engagementId = Guid.NewGuid(), verifiedEmissionsTco2 = 1m, verifiedEnergyTce = 1m, opinion = "pass" });
        var verified = await plant.Drc.PostAsJsonAsync($"{url}/verified-figures",
            new { engagementId = engagement, verifiedEmissionsTco2 = 650_000m, verifiedEnergyTce = 90_000m, opinion = "qualified" });
        var noReason = await plant.Drc.PostAsJsonAsync($"{url}/determine", new { decision = "override", emissionsTco2 = 660_000m, energyTce = 90_000m });
        var determined = await plant.Drc.PostAsJsonAsync($"{url}/determine",
            new { decision = "override", emissionsTco2 = 660_000m, energyTce = 90_000m, reason = "抽查发现 3 月燃煤量少计" });
        var report = await ReportAsync(plant.Enterprise, plant.Id);

        await byEnterprise.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await tooEarly.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("report.not_verified");
        started.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await otherEngagement.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("report.engagement_mismatch");
        verified.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldNameField("reason", "not_empty");
        determined.StatusCode.ShouldBe(HttpStatusCode.OK);
        report.GetProperty("status").GetString().ShouldBe("determined");
        report.GetProperty("verification").GetProperty("figures").GetProperty("opinion").GetString().ShouldBe("qualified");
        report.GetProperty("determination").GetProperty("emissionsTco2").GetDecimal().ShouldBe(660_000m);
        report.GetProperty("determination").GetProperty("basis").GetString().ShouldBe("overridden");
        report.GetProperty("calculation").GetProperty("totalTco2").GetDecimal().ShouldBe(12 * MonthTco2(), "the submitted figures stay beside the determined ones");
    }

    [Fact]
    public async Task only_the_enterprise_submits_and_others_do_not_see_its_report()
    {
        var plant = await PlannedEnterprises.CreateAsync(registry);

        await (await plant.Drc.PostAsync($"/api/v1/enterprises/{plant.Id}/reports/2025/submit", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await (await registry.ClientAsync("enterprise-demo")).GetAsync($"/api/v1/enterprises/{plant.Id}/reports/2025")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await (await registry.ClientAsync("verifier-demo")).GetAsync($"/api/v1/enterprises/{plant.Id}/reports/2025")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await plant.Enterprise.GetAsync($"/api/v1/enterprises/{plant.Id}/reports/2025?asOf=yesterday")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .ShouldNameField("asOf", "date_time");
    }
}
