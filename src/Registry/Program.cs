return await Mrv.Registry.Hosting.Cli.RunAsync(args);

/// <summary>The registry host's entry point (also the anchor for WebApplicationFactory in tests).</summary>
public partial class Program;
