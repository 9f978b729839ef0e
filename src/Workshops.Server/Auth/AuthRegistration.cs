using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Workshops.Contracts;
using Workshops.Server.Api;

namespace Workshops.Server.Auth;

public static class AuthRegistration
{
    /// <summary>JWT bearer tokens; browsers may pass theirs to the hub as <c>?access_token=</c>.</summary>
    public static WebApplicationBuilder AddWorkshopsAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<AdminKey>();
        builder.Services.AddSingleton<EventAccessCache>();
        builder.Services.AddSingleton<TokenCheck>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyStore>((options, keys) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenIssuer.Issuer,
                    ValidAudience = TokenIssuer.Audience,
                    IssuerSigningKey = keys.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RoleClaimType = Claims.Role,
                    NameClaimType = Claims.Name,
                };
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var message = context.AuthenticateFailure is SecurityTokenExpiredException
                            ? "the token has expired"
                            : context.HttpContext.Items.ContainsKey(TokenCheckMiddleware.RevokedItem)
                                ? "the token was revoked (its key was replaced or its event deleted); sign in again"
                                : context.AuthenticateFailure is null ? "a bearer token is required" : "the token is not valid";
                        await Problems.WriteAsync(context.HttpContext, ErrorCodes.Unauthorized, message);
                    },
                    OnForbidden = context => Problems.WriteAsync(context.HttpContext, ErrorCodes.Forbidden, "this token does not allow it"),
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
