using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IncidentHub.Web.Security;

public static class SecuritySetup
{
    public const string SessionCookie = "incidenthub.session";
    public const string AdminPolicy = "Admin";

    /// <summary>
    /// How long an account stays locked after <see cref="MaxFailedSignIns"/> wrong passwords in a row.
    /// </summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public const int MaxFailedSignIns = 5;

    /// <summary>
    /// Accounts (Identity), the cookie for pages, tokens for the API, authorization, rate limits, shared keys.
    /// </summary>
    public static IServiceCollection AddIncidentHubSecurity(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<CommandAuthorization>();
        services.AddScoped<AccountRegistry>();
        services.AddSingleton<SecurityEvents>();
        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.Section));
        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseDatabaseTicketStore>();

        services.AddIdentityCore<Account>(options =>
            {
                // Long passwords, no composition rules (NIST SP 800-63B).
                options.Password.RequiredLength = AccountRegistry.PasswordMinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddSignInManager<AccountSignInManager>()
            .AddEntityFrameworkStores<IncidentHubDbContext>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>();

        var idle = configuration.GetSection(SessionOptions.Section).Get<SessionOptions>()?.IdleTimeout
            ?? new SessionOptions().IdleTimeout;
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AuthenticationSchemes.Default;
                options.DefaultChallengeScheme = AuthenticationSchemes.Default;
                options.DefaultForbidScheme = AuthenticationSchemes.Default;
            })
            .AddPolicyScheme(AuthenticationSchemes.Default, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                    || context.Request.Headers.Authorization
                        .ToString()
                        .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthenticationSchemes.ApiToken
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(AuthenticationSchemes.ApiToken, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/forbidden";
                options.ExpireTimeSpan = idle;
                options.SlidingExpiration = true;
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = environment.IsDevelopment()
                    ? CookieSecurePolicy.SameAsRequest
                    : CookieSecurePolicy.Always;
            }));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(nameof(Domain.AccountRole.Admin)));

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "incidenthub.antiforgery";
            options.Cookie.SecurePolicy = environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
        });

        // Shared by every app instance, so sign-in cookies and antiforgery tokens work behind a load balancer.
        services.AddDataProtection().SetApplicationName("IncidentHub").PersistKeysToDbContext<IncidentHubDbContext>();
        services.AddIncidentHubRateLimits(configuration);
        return services;
    }
}
