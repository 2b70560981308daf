using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

// Live check-in under load: N distinct enrolled trainees (signed-in cookie sessions prepared before the measured phase) each check in
// once to one session of the real app (Kestrel in-process) on a real PostgreSQL, then the same load against a bench-only
// endpoint that only inserts a row. Usage: dotnet run -c Release --project bench/CheckIn -- "Host=127.0.0.1;Port=55442;Username=postgres" [trainees] [concurrency] [seconds]
internal static class CheckInBench
{
    public static async Task Main(string[] args)
    {
        var server = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("TH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=55442;Username=postgres";
        var trainees = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 32;
        var seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60;
        var database = "th_bench_checkin_" + Guid.NewGuid().ToString("N")[..8];
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        const string AdminEmail = "bench-admin@bench.traininghub.local";
        const string AdminPassword = "bench admin passphrase 2026";

        // The web project's folder (its views and static files), found from the solution above this program.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TrainingHub.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TRAININGHUB_WEB", Path.Combine(root?.FullName ?? ".", "src", "TrainingHub.Web"));
        await using var factory = new BenchApp(cs, AdminEmail, AdminPassword);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var baseAddress = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        Console.WriteLine($"app on {baseAddress}, database {database}, {trainees} trainees, concurrency {concurrency}, deadline {seconds} s");

        try
        {
            var prep = Stopwatch.StartNew();
            var (sessions, users, adminToken) = await PrepareAsync(factory.Services, trainees);
            var browsers = new (string Cookie, string Csrf)[users.Length];
            for (var i = 0; i < users.Length; i++)
            {
                browsers[i] = await SignedInAsync(factory.Services, users[i]);
            }

            await using (var ds = NpgsqlDataSource.Create(cs))
            {
                await using var cmd = ds.CreateCommand("CREATE TABLE bench_checkins (id bigserial PRIMARY KEY, person_id int NOT NULL, session_id int NOT NULL, at timestamptz NOT NULL, UNIQUE (session_id, person_id))");
                await cmd.ExecuteNonQueryAsync();
            }

            Console.WriteLine($"prepared {trainees} people, enrolments, accounts and signed-in sessions in {prep.Elapsed.TotalSeconds:0.0} s");

            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            using var admin = new HttpClient { BaseAddress = baseAddress };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);

            // Warm-up (JIT, pools) on a session of its own with a few trainees, not measured.
            await OpenAsync(admin, sessions[0]);
            var warmCode = await CodeAsync(admin, sessions[0]);
            await Task.WhenAll(browsers.Take(50).Select(t => CheckInAsync(http, t, warmCode, sessions[0])));
            await Task.WhenAll(browsers.Take(50).Select((t, i) => InsertAsync(http, i, 999_999)));

            // Measured: every trainee checks in once to the session; the "projector" reads the rotating code every 2 s.
            await OpenAsync(admin, sessions[1]);
            var code = await CodeAsync(admin, sessions[1]);
            using var stopProjector = new CancellationTokenSource();
            var projector = Task.Run(async () =>
            {
                while (!stopProjector.IsCancelled())
                {
                    try
                    {
                        await Task.Delay(2000, stopProjector.Token);
                        Volatile.Write(ref code, await CodeAsync(admin, sessions[1]));
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });
            var checkIn = await RunAsync(trainees, concurrency, i => CheckInAsync(http, browsers[i], Volatile.Read(ref code), sessions[1]));
            await stopProjector.CancelAsync();
            await projector;

            var reference = await RunAsync(trainees, concurrency, i => InsertAsync(http, i, sessions[1]));

            var (rows, distinct, audited) = await CountAsync(factory.Services, sessions[1]);
            long referenceRows;
            await using (var ds = NpgsqlDataSource.Create(cs))
            {
                await using var cmd = ds.CreateCommand($"SELECT count(*) FROM bench_checkins WHERE session_id = {sessions[1]}");
                referenceRows = (long)(await cmd.ExecuteScalarAsync())!;
            }

            Console.WriteLine();
            Report("check-in (POST /api/v1/checkin)", checkIn, trainees);
            Console.WriteLine($"  attendance rows {rows}, distinct people {distinct}, duplicates {rows - distinct}, 'already checked in' answers {checkIn.Already}, audit entries {audited}");
            Report("reference (bench-only POST /bench/insert)", reference, trainees);
            Console.WriteLine($"  rows {referenceRows}");
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio check-in / reference: throughput {checkIn.Throughput / reference.Throughput:0.00}x, p50 latency {checkIn.P(50) / reference.P(50):0.0}x, p95 {checkIn.P(95) / reference.P(95):0.0}x"));
            var ok = checkIn.Errors == 0 && rows == trainees && distinct == trainees && checkIn.Elapsed.TotalSeconds <= seconds;
            Console.WriteLine(ok ? $"PASS: {trainees} check-ins within {seconds} s, no errors, no duplicates" : "FAIL: see the figures above");
            Environment.ExitCode = ok ? 0 : 1;
        }
        finally
        {
            await factory.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }

        static void Report(string name, RunResult r, int n) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {n} requests in {r.Elapsed.TotalSeconds:0.00} s = {r.Throughput:0.0}/s ({r.Throughput * 60:0}/min); latency p50 {r.P(50):0.0} ms, p95 {r.P(95):0.0} ms, p99 {r.P(99):0.0} ms, max {r.P(100):0.0} ms; errors {r.Errors}"));

        static async Task<RunResult> RunAsync(int n, int concurrency, Func<int, Task<(bool Ok, bool Already)>> send)
        {
            var latencies = new double[n];
            var next = -1;
            var errors = 0;
            var already = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < n)
                {
                    var start = Stopwatch.GetTimestamp();
                    var (ok, dup) = await send(i);
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    if (dup)
                    {
                        Interlocked.Increment(ref already);
                    }
                }
            })));
            clock.Stop();
            Array.Sort(latencies);
            return new RunResult(clock.Elapsed, latencies, errors, already);
        }

        static async Task<(bool, bool)> CheckInAsync(HttpClient http, (string Cookie, string Csrf) auth, string code, int sessionId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkin") { Content = JsonContent.Create(new { code, sessionId }) };
            request.Headers.Add("Cookie", auth.Cookie);
            request.Headers.Add("X-CSRF-TOKEN", auth.Csrf);
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"check-in {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return (false, false);
            }

            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (true, doc.RootElement.GetProperty("alreadyCheckedIn").GetBoolean());
        }

        // A signed-in browser session made without the sign-in form (no password hashing for 2 000 people): the app's own
        // cookie ticket format and antiforgery tokens, exactly what the cookie a sign-in sets would carry, naming a
        // server-side session started as the sign-in starts it.
        static async Task<(string Cookie, string Csrf)> SignedInAsync(IServiceProvider services, ApplicationUser user)
        {
            var now = DateTimeOffset.UtcNow;
            string session;
            await using (var scope = services.CreateAsyncScope())
            {
                session = await SignInSessions.StartAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), user.Id, TimeProvider.System, CancellationToken.None);
            }

            var identity = new System.Security.Claims.ClaimsIdentity(
                [
                    new(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id),
                    new(System.Security.Claims.ClaimTypes.Name, user.UserName!),
                    new(System.Security.Claims.ClaimTypes.Role, Roles.Trainee),
                    new("AspNet.Identity.SecurityStamp", user.SecurityStamp!),
                    new(ThClaims.PersonId, user.PersonId!.Value.ToString(CultureInfo.InvariantCulture)),
                    new(ThClaims.Language, user.PreferredLanguage),
                    new(ThClaims.AuthTime, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                    new(ThClaims.Session, session),
                ], Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            var principal = new System.Security.Claims.ClaimsPrincipal(identity);
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
                .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            var ticket = new Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal,
                new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(30) },
                Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            var csrf = services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>()
                .GetTokens(new DefaultHttpContext { User = principal, RequestServices = services });
            return ($"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}; th.csrf={csrf.CookieToken}", csrf.RequestToken!);
        }

        static async Task<(bool, bool)> InsertAsync(HttpClient http, int person, int sessionId)
        {
            using var response = await http.PostAsync(new Uri($"/bench/insert?p={person}&s={sessionId}", UriKind.Relative), null);
            return (response.IsSuccessStatusCode, false);
        }

        static async Task OpenAsync(HttpClient admin, int sessionId) =>
            (await admin.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/checkin/open", new { kind = "Arrival", minutes = 60 })).EnsureSuccessStatusCode();

        static async Task<string> CodeAsync(HttpClient admin, int sessionId) =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{sessionId}/checkin")).GetProperty("open").GetProperty("code").GetString()!;

        static async Task<(int[] Sessions, ApplicationUser[] Users, string AdminToken)> PrepareAsync(IServiceProvider services, int n)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var now = DateTime.UtcNow;
            var org = new TrainingHub.Core.Organizations.Organization { Name = "Órgão de carga", Kind = TrainingHub.Core.Organizations.OrganizationKind.StateAgency, CreatedAt = now };
            var course = new Course { Code = "BENCH", Title = "Curso de carga", WorkloadMinutes = 240, MinAttendancePercent = 75, CreatedAt = now };
            var offering = new CourseClass
            {
                Code = "BENCH-1",
                Title = "Turma de carga",
                Course = course,
                Status = OfferingStatus.Published,
                CreatedAt = now,
                StartsOn = DateOnly.FromDateTime(now),
                EndsOn = DateOnly.FromDateTime(now).AddDays(1),
            };
            offering.Sessions.Add(new Session { Title = "Aquecimento", StartsAt = now.AddMinutes(-5), EndsAt = now.AddMinutes(115), CreditedMinutes = 120 });
            offering.Sessions.Add(new Session { Title = "Encontro medido", StartsAt = now.AddMinutes(-4), EndsAt = now.AddMinutes(116), CreditedMinutes = 120 });
            db.Offerings.Add(offering);
            var traineeRole = await db.Roles.Where(r => r.Name == Roles.Trainee).Select(r => r.Id).SingleAsync();
            var users = new ApplicationUser[n];
            for (var i = 0; i < n; i++)
            {
                var person = new Person
                {
                    Cpf = Cpf.FromBase("7" + i.ToString("D8", CultureInfo.InvariantCulture)),
                    FullName = $"Participante {i:D4}",
                    Email = $"p{i}@bench.traininghub.local",
                    Organization = org,
                    CreatedAt = now,
                };
                var email = $"p{i}@bench.traininghub.local";
                var user = new ApplicationUser
                {
                    UserName = email,
                    NormalizedUserName = email.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    DisplayName = person.FullName,
                    Person = person,
                    CreatedAt = now,
                };
                db.Users.Add(user);
                db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = traineeRole });
                users[i] = user;
                db.Enrolments.Add(new Enrolment { Offering = offering, Person = person, Status = EnrolmentStatus.Confirmed, RequestedAt = now, ConfirmedAt = now });
            }

            offering.ConfirmedCount = n;
            await db.SaveChangesAsync();
            var adminEmail = AdminEmailOf();
            var adminId = await db.Users.Where(u => u.Email == adminEmail).Select(u => u.Id).SingleAsync();
            var admin = (await IssueApiToken.HandleAsync(db, adminId, "bench", 1, TimeProvider.System, CancellationToken.None)).Value!.Token;
            return (offering.Sessions.OrderBy(s => s.StartsAt).Select(s => s.Id).ToArray(), users, admin);

            static string AdminEmailOf() => "bench-admin@bench.traininghub.local";
        }

        static async Task<(int Rows, int Distinct, int Audited)> CountAsync(IServiceProvider services, int sessionId)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var rows = await db.AttendanceRecords.CountAsync(a => a.SessionId == sessionId);
            var distinct = await db.AttendanceRecords.Where(a => a.SessionId == sessionId).Select(a => a.PersonId).Distinct().CountAsync();
            var audited = await db.AuditEntries.CountAsync(e => e.EntityType == nameof(AttendanceRecord) && e.Action == "Added");
            return (rows, distinct, audited);
        }
    }
}

internal sealed record RunResult(TimeSpan Elapsed, double[] Latencies, int Errors, int Already)
{
    public double Throughput => Latencies.Length / Elapsed.TotalSeconds;

    public double P(int percentile) => Latencies.Length == 0 ? 0 : Latencies[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * Latencies.Length) - 1, 0, Latencies.Length - 1)];
}

/// <summary>The real app on PostgreSQL, plus one bench-only endpoint ahead of the pipeline that only inserts a row (the reference).</summary>
internal sealed class BenchApp(string connectionString, string adminEmail, string adminPassword) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Admin:Email", adminEmail);
        builder.UseSetting("Admin:Password", adminPassword);
        builder.UseSetting("Admin:Name", "Bench admin");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.ConfigureServices(s =>
        {
            s.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            s.AddSingleton<IStartupFilter, ReferenceEndpoint>();
        });
    }

    private sealed class ReferenceEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/bench/insert" || !HttpMethods.IsPost(context.Request.Method))
                {
                    await nextMiddleware();
                    return;
                }

                var ds = context.RequestServices.GetRequiredService<NpgsqlDataSource>();
                await using var cmd = ds.CreateCommand("INSERT INTO bench_checkins (person_id, session_id, at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING");
                cmd.Parameters.AddWithValue(int.Parse(context.Request.Query["p"].ToString(), CultureInfo.InvariantCulture));
                cmd.Parameters.AddWithValue(int.Parse(context.Request.Query["s"].ToString(), CultureInfo.InvariantCulture));
                await cmd.ExecuteNonQueryAsync();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            next(app);
        };
    }
}

internal static class CancellationExtensions
{
    public static bool IsCancelled(this CancellationTokenSource cts) => cts.IsCancellationRequested;
}
