namespace Mrv.Registry.Documents;

/// <summary>What codes read as in documents and pages, in both languages (an unknown code reads as itself).</summary>
public static class Labels
{
    static readonly Dictionary<string, Dictionary<string, (string Zh, string En)>> Groups = new()
    {
        ["industry"] = new()
        {
            ["power"] = ("发电", "Power generation"),
            ["petrochemical"] = ("石化", "Petrochemicals"),
            ["chemical"] = ("化工", "Chemicals"),
            ["building_materials"] = ("建材", "Building materials"),
            ["steel"] = ("钢铁", "Iron and steel"),
            ["nonferrous"] = ("有色", "Non-ferrous metals"),
            ["paper"] = ("造纸", "Pulp and paper"),
            ["aviation"] = ("航空", "Aviation"),
            ["other"] = ("其他", "Other"),
        },
        ["kind"] = new()
        {
            ["fuel"] = ("化石燃料燃烧", "Fuel combustion"),
            ["electricity"] = ("净购入电力", "Purchased electricity"),
            ["heat"] = ("净购入热力", "Purchased heat"),
            ["process"] = ("工业生产过程", "Industrial process"),
        },
        ["scope"] = new()
        {
            ["direct"] = ("直接排放", "Direct"),
            ["indirect"] = ("间接排放", "Indirect"),
        },
        ["report_status"] = new()
        {
            ["none"] = ("未开始", "Not started"),
            ["draft"] = ("草稿", "Draft"),
            ["submitted"] = ("已提交", "Submitted"),
            ["under_verification"] = ("核查中", "Under verification"),
            ["verified"] = ("已核查", "Verified"),
            ["determined"] = ("已核定", "Determined"),
        },
        ["severity"] = new()
        {
            ["error"] = ("错误", "Error"),
            ["warning"] = ("提示", "Warning"),
        },
        ["product"] = new()
        {
            ["electricity_supplied"] = ("供电量", "Electricity supplied"),
            ["electricity_generated"] = ("发电量", "Electricity generated"),
            ["heat_supplied"] = ("供热量", "Heat supplied"),
            ["clinker"] = ("熟料产量", "Clinker"),
            ["cement"] = ("水泥产量", "Cement"),
            ["pig_iron"] = ("生铁产量", "Pig iron"),
            ["crude_steel"] = ("粗钢产量", "Crude steel"),
            ["aluminium"] = ("电解铝产量", "Primary aluminium"),
            ["copper"] = ("铜产量", "Copper"),
            ["ferroalloy"] = ("铁合金产量", "Ferroalloys"),
            ["calcium_carbide"] = ("电石产量", "Calcium carbide"),
            ["caustic_soda"] = ("烧碱产量", "Caustic soda"),
            ["synthetic_ammonia"] = ("合成氨产量", "Synthetic ammonia"),
        },
        ["evidence_kind"] = new()
        {
            ["invoice"] = ("发票", "Invoice"),
            ["meter_photo"] = ("计量器具照片", "Meter photo"),
            ["meter_reading"] = ("抄表记录", "Meter reading"),
            ["lab_report"] = ("检测报告", "Lab report"),
            ["other"] = ("其他", "Other"),
        },
        ["basis"] = new()
        {
            ["emissions"] = ("年排放量达 2.6 万吨二氧化碳当量", "Annual emissions of 26,000 tCO₂e or more"),
            ["energy"] = ("年综合能源消费量达 1 万吨标准煤", "Annual energy consumption of 10,000 tce or more"),
        },
        ["engagement_status"] = new()
        {
            ["assigned"] = ("已分配", "Assigned"),
            ["declined"] = ("已拒绝", "Declined"),
            ["accepted"] = ("已接受", "Accepted"),
            ["planned"] = ("核查中", "In progress"),
            ["opinion_issued"] = ("已出具结论，待签字", "Opinion issued, awaiting signatures"),
            ["signed"] = ("已签发", "Signed"),
        },
        ["opinion"] = new()
        {
            ["pass"] = ("通过", "Pass"),
            ["qualified"] = ("保留意见", "Qualified"),
            ["adverse"] = ("否定意见", "Adverse"),
        },
        ["finding_status"] = new()
        {
            ["open"] = ("待答复", "Open"),
            ["answered"] = ("已答复", "Answered"),
            ["escalated"] = ("已上报主管部门", "Escalated to the DRC"),
            ["closed"] = ("已关闭", "Closed"),
        },
        ["signature_role"] = new()
        {
            ["lead"] = ("核查组长", "Lead verifier"),
            ["reviewer"] = ("技术复核人", "Technical reviewer"),
        },
        ["assignment_method"] = new()
        {
            ["draw"] = ("随机抽取", "Random draw"),
            ["direct"] = ("直接指定", "Direct assignment"),
        },
        ["plan_status"] = new()
        {
            ["draft"] = ("草稿", "Draft"),
            ["submitted"] = ("已提交，待审核", "Submitted for approval"),
            ["approved"] = ("已批准", "Approved"),
            ["returned"] = ("已退回", "Returned"),
        },
        ["determination_method"] = new()
        {
            ["default"] = ("缺省值", "Default value"),
            ["measured"] = ("实测", "Measured"),
        },
        ["document_kind"] = new()
        {
            ["verification_report"] = ("核查报告", "Verification report"),
            ["determination_letter"] = ("核定通知书", "Determination notice"),
        },
        ["determination_basis"] = new()
        {
            ["accepted"] = ("采纳核查结果", "Verified figures accepted"),
            ["overridden"] = ("调整核定", "Determined otherwise"),
        },
    };

    /// <summary>Energy carriers and materials read as the factor table names them (reference/emission-factors.json).</summary>
    static readonly Lazy<Dictionary<string, (string Zh, string En)>> Carriers = new(() =>
    {
        var table = Factors.FactorTable.Parse(Factors.FactorTable.SeedJson());
        var carriers = new Dictionary<string, (string Zh, string En)>
        {
            ["electricity"] = ("电力", "Electricity"),
            ["heat"] = ("热力", "Heat"),
        };
        foreach (var fuel in table.Fuels) carriers[fuel.Code] = (fuel.NameZh, fuel.NameEn);
        foreach (var process in table.ProcessFactors) carriers.TryAdd(process.Process, (process.NameZh, process.Process.Replace('_', ' ')));
        return carriers;
    });

    public static string Of(string group, string? code, string culture)
    {
        if (code is null) return "";
        var labels = group == "carrier" ? Carriers.Value : Groups.GetValueOrDefault(group);
        return labels is not null && labels.TryGetValue(code, out var label)
            ? culture == "zh-CN" ? label.Zh : label.En
            : code;
    }
}
