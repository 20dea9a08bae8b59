using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mrv.Benchmarks;

/// <summary>One measured figure beside its same-machine baseline.</summary>
public sealed record Scenario(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("baseline")] string Baseline,
    [property: JsonPropertyName("baseline_value")] double BaselineValue,
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("goal")] string Goal,
    [property: JsonPropertyName("met")] bool Met);

/// <summary>Prints the results as a Markdown table and writes them as JSON under artifacts/bench.</summary>
public static class BenchReport
{
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))
            : null;
        var gib = memory is null ? "?" : (long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
        return $"{cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {gib} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static void Write(string file, string machine, string postgres, bool quick, IReadOnlyList<Scenario> scenarios, object? details = null)
    {
        Console.WriteLine();
        Console.WriteLine($"Machine: {machine}; {postgres}; {(quick ? "quick" : "full")} run, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        Console.WriteLine();
        Console.WriteLine("| scenario | value | unit | baseline | baseline value | ratio | goal | met |");
        Console.WriteLine("|---|---:|---|---|---:|---:|---|---|");
        foreach (var s in scenarios)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {s.Name} | {s.Value:#,0.##} | {s.Unit} | {s.Baseline} | {s.BaselineValue:#,0.##} | {s.Ratio:0.00} | {s.Goal} | {(s.Met ? "yes" : "no")} |"));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            machine,
            postgres,
            mode = quick ? "quick" : "full",
            date = DateTimeOffset.Now,
            scenarios,
            details,
        }, new JsonSerializerOptions
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        Console.WriteLine();
        Console.WriteLine($"Written to {file}");
    }
}
