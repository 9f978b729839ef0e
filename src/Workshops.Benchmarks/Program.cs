using Workshops.Benchmarks;

try
{
    var options = BenchmarkOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchmarkOptions.Usage);
        return 0;
    }

    return await BenchmarkRunner.RunAsync(options, Console.Out);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 64;
}
