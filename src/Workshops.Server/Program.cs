using Workshops.Server;

var app = ServerApp.Build(args);
await app.RunAsync();
