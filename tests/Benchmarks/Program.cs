using Mrv.Benchmarks;

var suite = args.FirstOrDefault();
var quick = args.Contains("--quick");
switch (suite)
{
    case "eventstore":
        return await EventStoreBenchmark.RunAsync(quick);
    case "reports":
        return await ReportsBenchmark.RunAsync(quick);
    case "api":
        return await ApiBenchmark.RunAsync(quick);
    case "raw-api":
        return await RawApi.RunAsync(args);
    default:
        Console.Error.WriteLine("Usage: Mrv.Benchmarks eventstore|reports|api [--quick]");
        return 2;
}
