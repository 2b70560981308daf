using Microsoft.AspNetCore.Identity;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>A sign-in account created by the demo seeder. Demo mode only: every account shares one known passphrase.</summary>
public sealed record DemoAccount(string Role, string Email, string Password, string DisplayName);

internal static class DemoAccounts
{
    public const string Passphrase = "Demo-Passphrase-2026";
    public const string Domain = "demo.traininghub.local";

    public static async Task<IReadOnlyList<DemoAccount>> CreateAsync(UserManager<ApplicationUser> users, DemoWorld world, CancellationToken ct)
    {
        var specs = new (string Role, string Local, Person? Person, Organization? Scope, string? DisplayName)[]
        {
            (Roles.Trainee, "trainee", world.AccountPeople["trainee"], null, null),
            (Roles.Instructor, "instructor", world.AccountPeople["instructor"], null, null),
            (Roles.Administrator, "admin", world.AccountPeople["admin"], null, null),
            (Roles.Auditor, "auditor", null, null, "Auditoria — controle interno (demonstração)"),
            (Roles.Administrator, "admin.prefeitura", world.AccountPeople["admin.prefeitura"], world.ScopedCityHall, null),
            (Roles.Auditor, "auditor.seplag", null, world.PlanningSecretariat, "Auditoria — Seplag-MG (demonstração)"),
        };

        var accounts = new List<DemoAccount>();
        foreach (var (role, local, person, scope, displayName) in specs)
        {
            ct.ThrowIfCancellationRequested();
            var email = $"{local}@{Domain}";
            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName ?? person!.FullName,
                PreferredLanguage = Languages.Portuguese,
                PersonId = person?.Id,
                ScopeOrganizationId = scope?.Id,
                CreatedAt = world.Now,
            };
            Check(await users.CreateAsync(user, Passphrase), email);
            Check(await users.AddToRoleAsync(user, role), email);
            accounts.Add(new DemoAccount(role, email, Passphrase, user.DisplayName));
        }

        return accounts;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}"))}");
        }
    }
}
