using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans.Dashboard;
using Workshops.Contracts;

namespace Workshops.Server.Hosting;

/// <summary>
/// The Orleans dashboard at <c>/dashboard/</c>, for admins only (Workshops:Dashboard:Enabled,
/// default true). Its page and its XHR calls must carry an admin token, and a browser cannot
/// add a header to them, so: an admin opens <c>/dashboard/?access_token=TOKEN</c> once; the
/// server checks the token, puts it in an HttpOnly, SameSite=Strict cookie scoped to
/// <c>/dashboard</c>, and redirects to the address without the token. Every later dashboard
/// request authenticates with that cookie (or an Authorization header, for scripts). Anything
/// but an admin token gets 401/403 like the rest of the API.
/// </summary>
public static class DashboardRegistration
{
    public const string RoutePrefix = "/dashboard";
    public const string CookieName = "workshops_dashboard";
    public const string QueryName = "access_token";

    public static bool IsEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.Equals(configuration["Workshops:Dashboard:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
    }

    public static WebApplicationBuilder AddWorkshopsDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.UseOrleans(silo => silo.AddDashboard());

        // After the API's own bearer set-up: dashboard requests may bring the token in the cookie or the query.
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.Events ??= new JwtBearerEvents();
            var inner = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await inner(context);
                var request = context.Request;
                if (context.Token is null
                    && request.Path.StartsWithSegments(RoutePrefix, StringComparison.Ordinal)
                    && string.IsNullOrEmpty(request.Headers.Authorization))
                {
                    var token = request.Query[QueryName].ToString();
                    context.Token = !string.IsNullOrEmpty(token) ? token : request.Cookies[CookieName];
                }
            };
        });
        return builder;
    }

    public static WebApplication MapWorkshopsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        // Runs after authentication and authorization: only an admin's query token becomes a cookie.
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments(RoutePrefix, StringComparison.Ordinal)
                && request.Query.ContainsKey(QueryName)
                && context.User.IsInRole(WireNames.Of(Role.Admin)))
            {
                context.Response.Cookies.Append(CookieName, request.Query[QueryName].ToString(), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Secure = request.IsHttps,
                    Path = RoutePrefix,
                    Expires = ExpiresAt(context),
                });

                // The token leaves the address bar (and the browser history) at once.
                context.Response.Redirect(request.PathBase + RoutePrefix + "/");
                return;
            }

            await next();
        });
        app.MapOrleansDashboard(routePrefix: RoutePrefix)
            .RequireAuthorization(policy => policy.RequireRole(WireNames.Of(Role.Admin)));
        return app;
    }

    private static DateTimeOffset? ExpiresAt(HttpContext context) =>
        long.TryParse(context.User.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
