using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Seeding;

namespace TrainingHub.Web.Infrastructure;

/// <summary>At start-up: apply migrations, make sure the roles exist, create the first administrator from configuration, and seed demo data in demo mode.</summary>
public static class Startup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("TrainingHub.Startup");
        var db = sp.GetRequiredService<TrainingHubDbContext>();
        await MigrateAsync(db, log);
        await EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());

        var config = app.Configuration;
        if (!sp.GetRequiredService<TrainingHub.Core.Certificates.IssueSettings>().HasPublicUrl)
        {
            log.LogWarning("App:PublicUrl is not set (or is not an http(s) address): no certificate is issued until it is, because each certificate carries its public verification link for good. Set it to the address people reach this site at, e.g. App__PublicUrl=https://capacitacao.example.gov.br");
        }

        if (config["Admin:Email"] is { Length: > 0 } email && config["Admin:Password"] is { Length: > 0 } password)
        {
            var outcome = await FirstAdministrator.EnsureAsync(sp, email, password, config["Admin:Name"]);
            log.LogInformation("First administrator {Email}: {Outcome}", email, outcome);
        }

        if (config.GetValue<bool>("Demo:Enabled"))
        {
            var accounts = await DemoSeeder.SeedAsync(db, sp.GetRequiredService<UserManager<ApplicationUser>>(), sp.GetRequiredService<TimeProvider>(), CancellationToken.None);
            if (accounts.Count > 0)
            {
                // Printed on the console on purpose: demo mode only, so that people can sign in.
                Console.WriteLine();
                Console.WriteLine("TrainingHub demo accounts (demo mode only):");
                foreach (var a in accounts)
                {
                    Console.WriteLine($"  {a.Role,-22} {a.Email,-40} {a.Password}");
                }

                Console.WriteLine();
            }
        }
    }

    public static async Task MigrateAsync(TrainingHubDbContext db, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A server database that does not exist yet (a first start) is created empty, with the migrations history
        // table, before anything reads that table: otherwise the first reads fail and log errors before Migrate
        // creates them, and a first start looks broken when it is not.
        if (!db.Database.IsSqlite())
        {
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync())
            {
                log.LogInformation("First start: creating the database");
                await creator.CreateAsync();
            }

            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
        }

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            log.LogInformation("Applying {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
            // A migration may fill a table from every existing row (CreditedMonths reads every attendance row): minutes
            // on a large database, not the 30 s of an ordinary command.
            var timeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync();
            db.Database.SetCommandTimeout(timeout);
        }

        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer writes; busy writers wait (default timeout) instead of failing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}

public static class FirstAdministrator
{
    /// <summary>Creates an unscoped administrator with this e-mail unless one exists; returns what happened.</summary>
    public static async Task<string> EnsureAsync(IServiceProvider sp, string email, string password, string? name)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return "exists";
        }

        var db = sp.GetRequiredService<TrainingHubDbContext>();
        var system = new ReaderScope("system", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(db, users, system, sp.GetRequiredService<TimeProvider>(),
            new CreateAccountRequest(email, string.IsNullOrWhiteSpace(name) ? "Administrator" : name, password, Roles.Administrator, null, null, null), CancellationToken.None);
        return result.Succeeded ? "created" : "refused: " + string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Code} {string.Join(' ', e.Args)}"));
    }
}
