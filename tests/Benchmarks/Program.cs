using Mrv.Benchmarks;

var suite = args.FirstOrDefault();
var quick = args.Contains("--quick");
switch (suite)
{
    case "eventstore":
        return await EventStoreBenchmark.RunAsync(quick);
    case "reports":
        return await ReportsBenchmark.RunAsync(quick);
    default:
        Console.Error.WriteLine("Usage: Mrv.Benchmarks eventstore|reports [--quick]");
        return 2;
}
