using System.Text.Json.Serialization;
using Workshops.Server.Api;
using Workshops.Server.Auth;
using Workshops.Server.Hosting;
using Workshops.Server.Pages;
using Workshops.Server.Realtime;

namespace Workshops.Server;

/// <summary>Builds the server: an ASP.NET Core app with a co-hosted Orleans silo.</summary>
public static class ServerApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Services.AddOptions<WorkshopsOptions>().Bind(builder.Configuration.GetSection(WorkshopsOptions.Section));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        // Tried in this order: the contract's refusals first, then "internal" for the rest.
        builder.Services.AddExceptionHandler<ContractErrorHandler>();
        builder.Services.AddExceptionHandler<UnexpectedErrorHandler>();
        builder.AddWorkshopsForwardedHeaders();
        builder.Services.AddSingleton<JoinGuard>();
        builder.Services.AddWorkshopsHealthChecks();
        builder.AddWorkshopsCluster();
        builder.AddWorkshopsAuth();
        builder.AddWorkshopsRealtime();
        builder.AddWorkshopsTelemetry();
        builder.AddWorkshopsDashboard();
        builder.Services.AddHostedService<StartupBanner>();

        var app = builder.Build();

        // A missing, short or published signing key stops the start, not the first sign-in.
        try
        {
            _ = app.Services.GetRequiredService<SigningKeyStore>();
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        app.UseWorkshopsForwardedHeaders();
        app.UseExceptionHandler();
        app.UseWorkshopErrors();
        app.UseHubOriginCheck();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseTokenCheck();
        app.UseAuthorization();
        app.MapWorkshopPages();
        app.MapHealthEndpoints();
        app.MapWorkshopsDashboard();
        app.MapAuthEndpoints();
        app.MapEventEndpoints();
        app.MapConsoleEndpoints();
        app.MapBadgeEndpoints();
        app.MapPersonalDataEndpoints();
        app.MapWorkshopsHub();
        return app;
    }
}
