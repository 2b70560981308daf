using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Npgsql;
using TrainingHub.Core;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A request that gave up waiting for a lock (the offering's seats, a busy SQLite writer) or lost a deadlock changed
/// nothing: its transaction rolled back. It is answered "busy, try again" (503 with Retry-After), as a problem for the
/// API and as the error page for screens, never as a 500 that leaves the person wondering whether it worked.
/// </summary>
public sealed class BusyAnswer(IStringLocalizer<SharedResource> t) : IExceptionFilter
{
    public const int RetryAfterSeconds = 5;

    public void OnException(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsBusy(context.Exception))
        {
            return;
        }

        context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = t["Problem.Busy"].Value,
                Detail = t["Error.Busy"].Value,
            };
            problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            context.Result = new ObjectResult(problem)
            {
                StatusCode = StatusCodes.Status503ServiceUnavailable,
                ContentTypes = { "application/problem+json", "application/json" },
            };
        }
        else
        {
            var model = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<int>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), context.ModelState);
            model.Model = StatusCodes.Status503ServiceUnavailable;
            context.Result = new ViewResult
            {
                ViewName = "/Features/Shared/Error.cshtml",
                StatusCode = StatusCodes.Status503ServiceUnavailable,
                ViewData = model,
            };
        }

        context.ExceptionHandled = true;
    }

    /// <summary>Lock wait timed out or deadlock, on PostgreSQL, SQL Server or SQLite, anywhere in the exception's chain.</summary>
    public static bool IsBusy(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected }:
                case SqlException { Number: 1222 or 1205 }:
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }

        return false;
    }
}
