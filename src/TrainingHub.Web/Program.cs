using TrainingHub.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddTrainingHub();
var app = builder.Build();

// Operator commands (migrate, seed, create-admin) run instead of the web server.
if (await Commands.TryRunAsync(app, args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UseTrainingHub();
await app.RunAsync();

/// <summary>The web host's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
