using Microsoft.AspNetCore.Authorization;
using TrainingHub.Core.Accounts;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Every endpoint names one of these (or allows anonymous access explicitly); anything unnamed requires a signed-in user.</summary>
public static class Policies
{
    public const string SignedIn = nameof(SignedIn);
    public const string Trainee = nameof(Trainee);
    public const string Instructor = nameof(Instructor);
    public const string Administrator = nameof(Administrator);
    public const string Auditor = nameof(Auditor);
    public const string AdministratorOrAuditor = nameof(AdministratorOrAuditor);
    public const string InstructorOrAdministrator = nameof(InstructorOrAdministrator);

    /// <summary>Who may read aggregated evaluation results: administrators, auditors and instructors (each in their own scope).</summary>
    public const string Results = nameof(Results);

    public static void Add(AuthorizationOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Trainee, p => p.RequireRole(Roles.Trainee));
        o.AddPolicy(Instructor, p => p.RequireRole(Roles.Instructor));
        o.AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator));
        o.AddPolicy(Auditor, p => p.RequireRole(Roles.Auditor));
        o.AddPolicy(AdministratorOrAuditor, p => p.RequireRole(Roles.Administrator, Roles.Auditor));
        o.AddPolicy(InstructorOrAdministrator, p => p.RequireRole(Roles.Instructor, Roles.Administrator));
        o.AddPolicy(Results, p => p.RequireRole(Roles.Instructor, Roles.Administrator, Roles.Auditor));
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
