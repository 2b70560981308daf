using Hangfire;
using Hangfire.Dashboard;
using TrainingHub.Core.Accounts;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c>: runs, retries, failures and schedules of the jobs of every instance. For
/// administrators of the whole installation only (Hangfire's default lets any local request in, which behind a proxy is
/// everyone): anonymous requests are refused and sent to sign in, every other account gets 403.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static void MapJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new InstallationAdministratorsOnly()],
            AppPath = "/admin/outbox",
            DashboardTitle = "TrainingHub",
            DisplayStorageConnectionString = false,
        });
    }
}

/// <summary>Lets in a signed-in administrator whose scope is the whole installation; no one else.</summary>
public sealed class InstallationAdministratorsOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Administrator) && user.Scope().IsWholeInstallation;
    }
}
