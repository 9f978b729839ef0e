using Workshops.Cli;

return await CliApp.RunAsync(args);
