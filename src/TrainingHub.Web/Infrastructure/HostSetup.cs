using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Features.Accounts.Account;

namespace TrainingHub.Web.Infrastructure;

public static class HostSetup
{
    public static readonly CultureInfo[] Cultures = [new(Languages.Portuguese), new(Languages.English)];
    private const string SmartScheme = "Smart";

    /// <summary>Public certificate verification: lookups per client IP address and minute (<c>Certificates:VerifyPermitsPerMinute</c>, 30 by default).</summary>
    public const string VerifyRateLimit = "verify";

    /// <summary>Forgot-password and reset-link posts per client IP address and minute (<c>Accounts:PasswordPermitsPerMinute</c>, 10 by default).</summary>
    public const string PasswordRateLimit = "password";

    public static void AddTrainingHub(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var database = DatabaseOptions.From(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddScoped<AuditInterceptor>();
        services.AddSingleton(AuditSealing.From(builder.Configuration, builder.Environment.ContentRootPath));
        if (builder.Configuration.GetValue("Audit:Sealer:Enabled", true))
        {
            services.AddHostedService<Features.Audit.AuditSealerService>();
        }

        services.Configure<TrainingHub.Core.Enrolment.EnrolmentOptions>(builder.Configuration.GetSection("Enrolment"));
        services.Configure<TrainingHub.Core.Attendance.CheckInOptions>(builder.Configuration.GetSection("CheckIn"));
        services.Configure<TrainingHub.Core.Attendance.AttendanceOptions>(builder.Configuration.GetSection("Attendance"));
        services.AddSingleton(TrainingHub.Core.Certificates.IssueSettings.From(builder.Configuration));
        services.AddSingleton(TrainingHub.Core.People.PrivacySettings.From(builder.Configuration));
        services.AddSingleton(TrainingHub.Core.Accounts.InvitationSettings.From(builder.Configuration));
        builder.AddNotificationServices();
        builder.AddScheduling();
        services.AddDbContext<TrainingHubDbContext>((sp, o) =>
        {
            database.Apply(o);
            o.AddInterceptors(sp.GetRequiredService<OutboxRendering>(), sp.GetRequiredService<AuditInterceptor>());
        });

        services.AddIdentity<ApplicationUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.PasswordResetTokenProvider = LinkTokenProvider.Name;
            })
            .AddEntityFrameworkStores<TrainingHubDbContext>()
            .AddClaimsPrincipalFactory<ThClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<LinkTokenProvider>(LinkTokenProvider.Name)
            .AddDefaultTokenProviders();

        // Role and account changes reach signed-in users within a minute; the claims added at sign-in survive the refresh.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = ctx =>
            {
                foreach (var type in new[] { ThClaims.AuthTime, ThClaims.Session })
                {
                    if (ctx.CurrentPrincipal?.FindFirst(type) is { } claim && ctx.NewPrincipal?.Identity is ClaimsIdentity id)
                    {
                        id.AddClaim(new Claim(type, claim.Value));
                    }
                }

                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "th.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = SessionLimits.ValidateAsync,
                OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden),
            };
        });
        // AddIdentity made the cookie the default for authenticate and challenge: hand both to the selector.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultAuthenticateScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddOidc(OidcSettings.From(builder.Configuration));
        services.AddAuthorization(Policies.Add);

        // Keys in the application database, so every app instance reads the same cookies and tokens.
        services.AddDataProtection().SetApplicationName("TrainingHub").PersistKeysToDbContext<TrainingHubDbContext>();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Languages.Portuguese);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new ApiAcceptLanguageProvider(), new UserLanguageCultureProvider()];
        });
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<BusyAnswer>();
                o.Filters.Add<RefuseNulInQuery>();
                o.Filters.Add<RefuseBadPaging>(RefuseBadPaging.Order);
                o.Filters.Add<RefuseOversizedUploads>(RefuseOversizedUploads.Order);
                o.Conventions.Add(new AuthorizationAnswers());
                o.Conventions.Add(new SuccessAlongsideRefusals());
            })
            .AddRazorOptions(o =>
            {
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("{feature}{0}" + RazorViewEngine.ViewExtension);
                o.ViewLocationExpanders.Add(new FeatureViewLocations());
                o.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            })
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, f) => f.Create(typeof(SharedResource)));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.Name = "th.csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over https
        });
        // Accented Portuguese is written as is, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Translate);
        services.AddRateLimiter(o =>
        {
            var permits = Math.Max(1, builder.Configuration.GetValue("Certificates:VerifyPermitsPerMinute", 30));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var wait = ctx.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (ApiProblems.IsApi(ctx.HttpContext))
                {
                    await ApiProblems.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, ct);
                }
            };
            o.AddPolicy(VerifyRateLimit, ctx => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "-",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            var passwordPermits = Math.Max(1, builder.Configuration.GetValue("Accounts:PasswordPermitsPerMinute", 10));
            o.AddPolicy(PasswordRateLimit, ctx => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "-",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = passwordPermits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddScoped<CookieCsrfFilter>();
        services.AddSingleton<LiveSessions>();
        services.AddOpenApi("v1", OpenApiSetup.Configure);
        // The OpenAPI document reads these options, not MVC's: enums by name there too, as they travel.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHealthChecks()
            .AddDbContextCheck<TrainingHubDbContext>("database", tags: ["ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"])
            .AddCheck<Features.Audit.AuditHealthCheck>("audit", tags: ["audit"]);
        if (!builder.Environment.IsDevelopment())
        {
            services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        }
    }

    public static void UseTrainingHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRequestLocalization();
        app.UseRateLimiter(); // after localization, so a refusal speaks the caller's language
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapHealthChecks("/health/audit", new HealthCheckOptions { Predicate = c => c.Tags.Contains("audit") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapControllers();
        app.MapJobsDashboard();
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Uses the signed-in user's preferred language when no cookie or query string chose one.</summary>
public sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var lang = httpContext.User.FindFirstValue(ThClaims.Language);
        return Task.FromResult(Languages.IsSupported(lang) ? new ProviderCultureResult(lang) : null);
    }
}

/// <summary>Ready when the database answers and every migration is applied.</summary>
public sealed class MigrationsHealthCheck(TrainingHubDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}");
    }
}
