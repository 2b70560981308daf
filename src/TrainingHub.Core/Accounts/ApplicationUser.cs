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
}

public static class Roles
{
    public const string Trainee = "Trainee";
    public const string Instructor = "Instructor";
    public const string Administrator = "Administrator";
    public const string Auditor = "Auditor";
    public static readonly IReadOnlyList<string> All = [Trainee, Instructor, Administrator, Auditor];
}
