using Microsoft.AspNetCore.Identity;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Accounts;

/// <summary>A sign-in account (ASP.NET Core Identity), linked to a person where the user is one.</summary>
public class ApplicationUser : IdentityUser
{
    public int? PersonId { get; set; }
    public Person? Person { get; set; }

    /// <summary>For administrators and auditors: the organisation (and those under it) they may see. Null: the whole installation.</summary>
    public int? ScopeOrganizationId { get; set; }
    public Organization? ScopeOrganization { get; set; }

    public required string DisplayName { get; set; }
    public string PreferredLanguage { get; set; } = Common.Languages.Portuguese;
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// A person's own account (an accepted invitation, a first sign-in through an identity provider): signs in with the
    /// person's e-mail, managed by their organisation, in their language. Its role is added by the caller.
    /// </summary>
    public static ApplicationUser ForPerson(int personId, string email, string fullName, int organizationId, string? language, DateTime now) => new()
    {
        UserName = email,
        Email = email,
        EmailConfirmed = true,
        DisplayName = fullName,
        PersonId = personId,
        ScopeOrganizationId = organizationId,
        PreferredLanguage = Common.Languages.IsSupported(language) ? language! : Common.Languages.Portuguese,
        CreatedAt = now,
        LockoutEnabled = true,
    };
}

public static class Roles
{
    public const string Trainee = "Trainee";
    public const string Instructor = "Instructor";
    public const string Administrator = "Administrator";
    public const string Auditor = "Auditor";
    public static readonly IReadOnlyList<string> All = [Trainee, Instructor, Administrator, Auditor];
}

/// <summary>
/// Two kinds of lock share Identity's lockout end: failed sign-ins lock the password for minutes, and an administrator's
/// lock (or anonymization) has no end. Only the second disables the account's API tokens too, so nobody can switch
/// off someone's integrations by typing wrong passwords for their e-mail.
/// </summary>
public static class AccountLock
{
    public static readonly DateTimeOffset Indefinite = DateTimeOffset.MaxValue;

    public static bool IsIndefinite(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd > now.AddYears(1);
}
