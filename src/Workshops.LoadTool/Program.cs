using Workshops.LoadTool;

try
{
    var options = LoadToolOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(LoadToolOptions.Usage);
        return 0;
    }

    // With --json, stdout carries the report alone.
    return await LoadToolApp.RunAsync(options, Console.Out, options.Json ? Console.Error : Console.Out);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadToolOptions.Usage);
    return 64;
}
