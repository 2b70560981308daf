using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Home;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Home;

public sealed class HomeViewModel
{
    public TraineeHomeModel? Trainee { get; init; }
    public InstructorHomeModel? Instructor { get; init; }
    public ProgrammeOverviewModel? Overview { get; init; }
    public bool IsAdministrator { get; init; }
    public bool IsAuditor { get; init; }
    public string? ScopeName { get; init; }
    public int PendingApprovals { get; init; }

    /// <summary>Administrators only: certificates are on hold because App:PublicUrl is not set.</summary>
    public bool CertificatesOnHold { get; init; }

    /// <summary>For administrators of the whole installation: the SMTP server this instance cannot reach, since when.</summary>
    public (string Error, DateTime Since)? MailUnreachable { get; init; }

    /// <summary>Administrators only: valid certificates whose enrolment a correction turned into Failed, and one class with some.</summary>
    public (int Count, int? OfferingId) CertificatesUnderReview { get; init; }
}

/// <summary>The home page shows, for each role the user has, what that role works with.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class HomeController(TrainingHubDbContext db, TimeProvider time, IssueSettings certificates, MailServerStatus mailServer) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var scope = User.Scope();
        var model = new HomeViewModel
        {
            Trainee = scope.IsTrainee && scope.PersonId is { } p ? await TraineeHome.HandleAsync(db, p, time, ct) : null,
            Instructor = scope.IsInstructor && scope.PersonId is { } i ? await InstructorHome.HandleAsync(db, i, time, ct) : null,
            Overview = scope.IsAdministrator || scope.IsAuditor ? await ProgrammeOverview.HandleAsync(db, scope, time, ct) : null,
            IsAdministrator = scope.IsAdministrator,
            CertificatesOnHold = scope.IsAdministrator && !certificates.HasPublicUrl,
            CertificatesUnderReview = scope.IsAdministrator ? await CertificateReview.CountAsync(db, scope, ct) : default,
            PendingApprovals = await TrainingHub.Core.Enrolment.ListPendingApprovals.CountAsync(db, scope, ct),
            IsAuditor = scope.IsAuditor,
            MailUnreachable = scope.IsAdministrator && scope.IsWholeInstallation ? mailServer.Unreachable : null,
            ScopeName = scope.OrganizationId is { } o ? await db.Organizations.FindAsync([o], ct) is { } org ? org.Name : null : null,
        };
        return View(model);
    }
}
