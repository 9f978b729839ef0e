using Workshops.Server;
using Workshops.Server.Hosting;

// Before anything touches the shared array pool (see BufferPoolTuning).
BufferPoolTuning.Apply();
var app = ServerApp.Build(args);
await app.RunAsync();
