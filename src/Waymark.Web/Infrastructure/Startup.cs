using Waymark.Web.Fhir;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Waymark.Access;
using Waymark.Demo;
using Waymark.Persistence;
using Waymark.Teams;

namespace Waymark.Web.Infrastructure;

public static class Startup
{
    /// <summary>Where the app listens when neither <c>Urls</c> / <c>ASPNETCORE_URLS</c> nor <c>ASPNETCORE_HTTP_PORTS</c> says.</summary>
    public const string DefaultUrls = "http://localhost:5080";

    public static void AddWaymark(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Twice RequestTargetLimit.MaxLength: a longer address is refused by the app, with the security headers and
            // the error page; only one past this is refused by Kestrel itself (an empty 414, no headers possible).
            k.Limits.MaxRequestLineSize = 2 * RequestTargetLimit.MaxLength;
        });
        // The default address lives here, not in appsettings.json: a "Urls" there would override ASPNETCORE_URLS, which
        // service managers and container images set (ASP.NET Core adds appsettings.json after the ASPNETCORE_ variables).
        if (new[] { "urls", "http_ports", "https_ports" }.All(k => string.IsNullOrWhiteSpace(config[k])))
            builder.WebHost.UseUrls(DefaultUrls);
        if (!builder.Environment.IsDevelopment())
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        // Last logging call: every provider drops request lines and redacts values, whatever the configured levels.
        builder.Logging.AddWaymarkLogRedaction();
        // Outermost middleware (before host filtering's startup filter): the security headers reach every answer the
        // app's pipeline writes, a refused Host's 400 included.
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new SecurityHeadersStartupFilter()));
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        // Every capability registers its own services (AddReferrals() and so on, composed in WaymarkServices).
        services.AddWaymarkCore(config, builder.Environment.ContentRootPath);
        services.AddHttpContextAccessor();
        services.AddScoped<HttpCurrentUser>();
        services.AddHostedService<ProactiveRetentionSchedule>(); // custody and court lists' retention, daily
        services.AddHostedService<RetentionSchedule>(); // destruction of records past their retention period, daily when Retention:ScheduleEnabled
        Waymark.Web.Reminders.ReminderHosting.AddReminderSending(services); // the fake Notify when no key is set, and the reminder sender
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<HttpCurrentUser>());
        services.AddSingleton<TeamMembershipCache>();
        services.AddScoped<TeamSignIn>();
        services.Configure<SecurityOptions>(config.GetSection("Security"));
        services.Configure<DemoOptions>(config.GetSection("Demo"));

        var security = config.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddIdentity<WaymarkUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 12;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<WaymarkDbContext>()
            .AddUserStore<WaymarkUserStore>() // recovery codes kept hashed
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>() // NCSC: block the most common passwords (issue 16)
            // Each authenticator code is accepted once (replaces Identity's provider of the same name).
            .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<WaymarkClaimsFactory>()
            .AddSignInManager<WaymarkSignInManager>(); // a deactivated account cannot sign in
        services.AddSignInThrottle(security.RateLimits);
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            // Keep the chosen team, the session and how the user signed in when Identity rebuilds the principal.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.NewPrincipal?.Identity is not System.Security.Claims.ClaimsIdentity id) return Task.CompletedTask;
                foreach (var type in new[] { TeamClaims.TeamId, SessionClaims.SessionId, "amr" })
                    if (ctx.CurrentPrincipal?.FindFirst(type) is { } kept && !id.HasClaim(c => c.Type == type))
                        id.AddClaim(new System.Security.Claims.Claim(type, kept.Value));
                return Task.CompletedTask;
            };
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "waymark";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true; // idle timeout: each request renews, silence signs you out
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/access-denied";
            // Every request: Identity's security stamp check, then the server-side session (ended? past its absolute lifetime?).
            o.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
            // Signing in on the sign-in page would make the cookie handler redirect to the raw ?ReturnUrl itself (a 500
            // for a non-ASCII one, found by a walk-through); the pages redirect, through LocalUrls.Safe.
            o.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
        });
        // Identity's other cookies: the half-signed-in user between password and code (Identity.TwoFactorUserId), the
        // remembered device and the external sign-in. Every step that reads them is a same-site POST or redirect from
        // our own sign-in page, so Strict breaks no flow.
        foreach (var scheme in new[] { IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme, IdentityConstants.ExternalScheme })
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, o =>
            {
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = secure;
            });
        // Temp data ("saved" banners) is written by a POST and read after its same-site redirect: Strict is safe.
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "waymark-tempdata";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddDataProtection().SetApplicationName("Waymark").PersistKeysToDbContext<WaymarkDbContext>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "waymark-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        // The port browsers reach the service on over https (the TLS proxy's): 443 unless https_port / HTTPS_PORT says otherwise.
        services.AddHttpsRedirection(o => o.HttpsPort = config.GetValue<int?>("https_port") ?? 443);
        // Outside Development (UseWaymark): a year, sub-domains included. Loopback names stay excluded (the framework's
        // default, kept on purpose): a year-long pin on "localhost" would force https on every other local app a
        // developer or operator opens in that browser, and browsers ignore HSTS for IP addresses anyway.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
            foreach (var host in new[] { "localhost", "127.0.0.1", "[::1]" }) o.ExcludedHosts.Add(host);
        });

        // One policy per permission (Permissions.Policy(p)); CaseWork and ManageTeam are the two folder-wide ones.
        var authorisation = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.CaseWork, p => p.RequireRole(Permissions.RolesWith(Permission.WorkWithCaseRecords)))
            .AddPolicy(Policies.ManageTeam, p => p.RequireRole(Permissions.RolesWith(Permission.ManageTeam)));
        foreach (var permission in Permissions.All)
            authorisation.AddPolicy(Permissions.Policy(permission), p => p.RequireRole(Permissions.RolesWith(permission)));

        // Each Pages/ folder says who may open its pages in its own Conventions class; a folder without one stops start-up.
        var folderConventions = FolderConventions.Discover(typeof(Startup).Assembly);
        services.AddRazorPages(o =>
            {
                foreach (var folder in folderConventions.Values) folder.Apply(o.Conventions);
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new UnknownHandlerFilter()); // stateless: one instance serves every request
                o.Filters.Add<TeamAndTwoFactorFilter>();
                o.Filters.Add(new PermissionFilter()); // a handler's [RequiresPermission], beyond its page's
                // After the team check, so a redirected request is not audited as a view.
                o.Filters.Add(new PersonViewAuditFilter());
                o.MaxModelValidationErrors = 50;
            });
        services.Configure<Microsoft.AspNetCore.Routing.RouteOptions>(o => { o.LowercaseUrls = true; });

        services.AddHealthChecks().AddDbContextCheck<WaymarkDbContext>("database", tags: ["ready"]);

        var otlp = config["OpenTelemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("waymark-web"))
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)))
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
    }

    /// <summary>Loads the instruments at start-up and reports every refused definition file (file, field, problem).</summary>
    public static void ReportInstruments(this WebApplication app)
    {
        var catalogue = app.Services.GetRequiredService<Waymark.Instruments.InstrumentCatalogue>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Waymark.Instruments");
        foreach (var p in catalogue.Problems)
            log.LogError("Instrument definition refused: {File}: {Field}: {Problem}", p.File, p.Field.Length == 0 ? "(file)" : p.Field, p.Problem);
        log.LogInformation("{Count} screening instruments loaded: {Instruments}", catalogue.Latest.Length,
            string.Join(", ", catalogue.Latest.Select(d => $"{d.Id} {d.Version}")));
    }

    /// <summary>
    /// Migrates (unless <c>Database:MigrateOnStart</c> is false), applies the custody and court lists' retention rule,
    /// then seeds the demo on first run (or with --demo); once the server listens, the demo logins are printed with the
    /// addresses it really listens on. The password is printed once, never logged. Returns false, having logged why,
    /// when the app must not start: migrations are off and the database's schema is behind this version (or unreadable).
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<HttpCurrentUser>().ActAsSystem();
        var db = sp.GetRequiredService<WaymarkDbContext>();
        if (app.Configuration.GetValue(MigrateOnStartKey, true))
            await DatabaseSetup.MigrateAsync(db);
        else
        {
            // Migrations are run separately (waymark migrate, docs/operations.md "Upgrading"): refuse a schema this version cannot use.
            var pending = (await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database)).Count();
            if (pending > 0)
            {
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Waymark.Hosting").LogCritical(
                    "The database schema is {Pending} migration(s) behind this version of Waymark and {Setting} is false: run the command line's migrate command (waymark migrate) with the same settings, then start the app again",
                    pending, MigrateOnStartKey);
                return false;
            }
        }
        // Custody and court list rows matched to nobody: their personal details are cleared when due (docs/cjs-liaison.md).
        await sp.GetRequiredService<Waymark.ProactiveIdentification.ProactiveRetention>().RunAsync();
        var seeder = sp.GetRequiredService<DemoSeeder>();
        await seeder.EnsureRolesAsync();
        var demo = app.Configuration.GetValue<bool>("Demo:Enabled");
        var force = args.Contains("--demo");
        if (demo || force)
        {
            var result = await seeder.SeedIfEmptyAsync(force);
            // Printed once the server has bound its addresses: the banner names where it really listens (--urls,
            // ASPNETCORE_URLS, a port of 0), not a fixed address.
            if (result.Seeded) app.Lifetime.ApplicationStarted.Register(() => PrintLogins(result, SignInAddresses(app.Urls)));
        }
        return true;
    }

    /// <summary>The setting that turns migrating at start-up off (default true): <c>Database:MigrateOnStart</c>.</summary>
    public const string MigrateOnStartKey = "Database:MigrateOnStart";

    /// <summary>
    /// The addresses a person can type to reach the app, from the server's bound addresses (IServerAddressesFeature,
    /// read after start so a port of 0 is the real one): a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>,
    /// <c>*</c>) becomes <c>localhost</c>; duplicates are dropped, order kept.
    /// </summary>
    public static IReadOnlyList<string> SignInAddresses(IEnumerable<string> bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        var addresses = new List<string>();
        foreach (var address in bound)
        {
            var text = address;
            var scheme = address.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                var rest = address[(scheme + 3)..];
                var colon = rest.StartsWith('[') ? rest.IndexOf("]:", StringComparison.Ordinal) + 1 : rest.LastIndexOf(':');
                var host = colon > 0 ? rest[..colon] : rest.TrimEnd('/');
                if (host is "0.0.0.0" or "[::]" or "+" or "*")
                    text = address[..(scheme + 3)] + "localhost" + (colon > 0 ? rest[colon..] : "");
            }
            text = text.TrimEnd('/');
            if (!addresses.Contains(text, StringComparer.OrdinalIgnoreCase)) addresses.Add(text);
        }
        return addresses;
    }

    private static void PrintLogins(DemoSeedResult result, IReadOnlyList<string> addresses)
    {
        Console.WriteLine();
        Console.WriteLine($"Waymark demo data seeded (synthetic people only). Sign in at {(addresses.Count == 0 ? "the configured address" : string.Join(" or ", addresses))} as:");
        foreach (var login in result.Logins) Console.WriteLine($"  {login.Email,-40} {login.Role}");
        Console.WriteLine(result.PasswordGenerated
            ? $"Password for all demo users (shown once, not stored anywhere in clear): {result.Password}"
            : "Password: the value of the Demo:Password setting.");
        Console.WriteLine();
    }

    /// <summary>
    /// Warns at start-up (outside Development) when <c>AllowedHosts</c> is <c>*</c> or empty: any Host header is then
    /// accepted, and it steers the absolute redirects the app writes (the sign-in redirect's Location).
    /// </summary>
    private static void WarnWhenAnyHostIsAllowed(WebApplication app)
    {
        var hosts = app.Configuration["AllowedHosts"];
        if (app.Environment.IsDevelopment() || (!string.IsNullOrWhiteSpace(hosts) && !hosts.Split(';').Any(h => h.Trim() == "*"))) return;
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Waymark.Hosting").LogWarning(
            "AllowedHosts is * or empty: any Host header is accepted. Set AllowedHosts to the names the service is reached by (README, Configuration).");
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto are believed from the loopback addresses (a TLS proxy on the same machine,
    /// ASP.NET Core's default) and from the addresses in <c>ForwardedHeaders:KnownProxies</c> (IP addresses) and the
    /// networks in <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. <c>10.0.0.0/24</c>): a proxy or load balancer on
    /// another machine (docs/operations.md, "Reverse proxy and TLS"). Only the nearest proxy's header value is used
    /// (ForwardLimit 1). Throws <see cref="InvalidOperationException"/> naming the setting when a value is not an address.
    /// </summary>
    public static ForwardedHeadersOptions ForwardedHeadersFrom(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        };
        foreach (var value in Values(config, "ForwardedHeaders:KnownProxies"))
            options.KnownProxies.Add(System.Net.IPAddress.TryParse(value, out var address) ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{value}' is not an IP address."));
        foreach (var value in Values(config, "ForwardedHeaders:KnownNetworks"))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(value, out var network) ? network
                : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{value}' is not a network in CIDR notation (such as 10.0.0.0/24)."));
        return options;

        // A list in JSON or KEY__0 variables, or one ';'-separated string (an environment file's single line).
        static IEnumerable<string> Values(IConfiguration config, string key)
        {
            var section = config.GetSection(key);
            var values = section.Value is { } single ? single.Split(';') : section.GetChildren().Select(c => c.Value ?? "");
            return values.Select(v => v.Trim()).Where(v => v.Length > 0);
        }
    }

    public static void UseWaymark(this WebApplication app)
    {
        // Behind a TLS-terminating proxy (trusted: loopback by default) the scheme and client address come from its headers.
        // A proxy on another machine is trusted only when named in ForwardedHeaders:KnownProxies / KnownNetworks.
        app.UseForwardedHeaders(ForwardedHeadersFrom(app.Configuration));
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
            // Outside Development every cookie is Secure (and antiforgery refuses to work over http), so a page asked
            // for over plain http is sent to https rather than failing; health probes may still use http.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), b => b.UseHttpsRedirection());
        }
        else
        {
            app.UseExceptionHandler("/error");
        }
        // The database unreachable (stopped, restarting, SQLite busy): 503 with a page or a JSON problem, not the error
        // page's 500; inside the exception handler, so every other exception still reaches it (ADR 0025).
        app.UseMiddleware<DatabaseUnavailable>();
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        WarnWhenAnyHostIsAllowed(app);
        // The security headers are added by SecurityHeadersStartupFilter, around the whole pipeline.
        app.UseMiddleware<RequestTargetLimit>();
        // Malformed bodies, NUL or lone surrogates in the path, query or form: 400 before any page or database sees them.
        app.UseMiddleware<MalformedRequests>();
        app.UseStaticFiles();
        app.UseRouting();
        // Sign-in and two-factor attempts: per client address and per account (docs/security.md, "Rate limits").
        app.Use((context, next) => SignInThrottle.ReadAccountAsync(context, next));
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
                await context.RequestServices.GetRequiredService<HttpCurrentUser>().LoadTeamAsync(context.RequestAborted);
            await next(context);
        });
        // The feedback hand-over lock: a browser handed to a person reaches only the feedback pages (docs/security.md).
        app.Use((context, next) => Pages.Feedback.HandOver.LockAsync(context, () => next(context)));
        app.UseAuthorization();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorPages();
        app.MapOpenReferralApi();
        app.MapFhirApi();
        Pages.Diary.CalendarFeedEndpoint.MapCalendarFeed(app);
    }
}

/// <summary>Puts <see cref="SecurityHeaders"/> outside every other middleware (it is registered as the first startup filter).</summary>
internal sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SecurityHeaders>();
        next(app);
    };
}

/// <summary>
/// The folder-wide policies: <see cref="CaseWork"/> is <see cref="Permission.WorkWithCaseRecords"/> and
/// <see cref="ManageTeam"/> is <see cref="Permission.ManageTeam"/>. Narrower pages use <see cref="For"/>.
/// </summary>
public static class Policies
{
    public const string CaseWork = nameof(CaseWork);
    public const string ManageTeam = nameof(ManageTeam);

    /// <summary>The policy that requires <paramref name="permission"/>.</summary>
    public static string For(Permission permission) => Permissions.Policy(permission);
}

public class SecurityOptions
{
    /// <summary>Minutes without a request after which the sign-in cookie expires (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;
    /// <summary>Hours after signing in when the session ends however active it is (checked on every request against the session's start).</summary>
    public int AbsoluteSessionHours { get; set; } = 12;
    /// <summary>Limits on sign-in and two-factor attempts (see <see cref="SignInThrottle"/>).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();
    /// <summary>Seconds a team membership check is remembered (0 = ask the database on every request); see <see cref="TeamMembershipCache"/>.</summary>
    public int MembershipRecheckSeconds { get; set; } = 10;
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public string[] RequireTwoFactorForRoles { get; set; } = [];
}

public class DemoOptions
{
    public bool Enabled { get; set; }
}
