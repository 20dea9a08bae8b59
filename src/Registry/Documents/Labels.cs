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
        ["basis"] = new()
        {
            ["emissions"] = ("年排放量达 2.6 万吨二氧化碳当量", "Annual emissions of 26,000 tCO₂e or more"),
            ["energy"] = ("年综合能源消费量达 1 万吨标准煤", "Annual energy consumption of 10,000 tce or more"),
        },
    };

    public static string Of(string group, string? code, string culture)
    {
        if (code is null) return "";
        return Groups.TryGetValue(group, out var labels) && labels.TryGetValue(code, out var label)
            ? culture == "zh-CN" ? label.Zh : label.En
            : code;
    }
}
