using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using TrainingHub.Core.Data;
using TrainingHub.Migrations.SqlServer;

// The mirror hooks into EF Core's query compiler, an internal API: acceptable in a test, pinned by the EF version.
#pragma warning disable EF1001

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>
/// No SQL Server runs on the test machines, so the SQLite test app mirrors every LINQ query it runs (reads,
/// ExecuteUpdate, ExecuteDelete) onto a SQL Server-configured context of the same model: the query is translated by
/// EF Core's SQL Server provider and executed against a connection that never opens a socket, which records the SQL
/// and answers with no rows. A query SQL Server cannot translate throws in the test that ran it and is listed in
/// <see cref="Failures"/>, and so does a command with more parameters than SQL Server accepts. Not covered: SaveChanges' INSERT/UPDATE/DELETE batches (generated from the model, not
/// from LINQ), queries that only run when an earlier one returned rows on SQL Server (split-query follow-ups), and
/// anything about how a real server executes the SQL (locks, plans, collation): that needs TH_TEST_SQLSERVER.
/// </summary>
public static class SqlServerTranslation
{
    /// <summary>SQL Server refuses a command with more parameters than this (a limit SQLite and PostgreSQL do not share).</summary>
    private const int MaxParameters = 2100;

    private static readonly Lock Gate = new();
    private static readonly ConcurrentQueue<string> Recorded = new();
    private static readonly List<string> Failed = [];
    private static TrainingHubDbContext? context;
    private static int recordedCount;

    /// <summary>Every SQL statement the mirror produced, in order.</summary>
    public static IReadOnlyList<string> Statements => [.. Recorded];

    /// <summary>Queries SQL Server's provider refused, with the reason.</summary>
    public static IReadOnlyList<string> Failures
    {
        get
        {
            lock (Gate)
            {
                return [.. Failed];
            }
        }
    }

    /// <summary>The distinct queries translated so far (each compiled once per shape).</summary>
    public static int DistinctQueries => Cache.Count;

    private static ConcurrentDictionary<Expression, Delegate> Cache { get; } = new(ExpressionEqualityComparer.Instance);

    /// <summary>Adds the mirror to a context's options (the SQLite test app's).</summary>
    public static void Mirror(DbContextOptionsBuilder options) => options.ReplaceService<IQueryCompiler, MirroringQueryCompiler>();

    private static TrainingHubDbContext Context
    {
        get
        {
            if (context is null)
            {
                var options = new DbContextOptionsBuilder<TrainingHubDbContext>();
                SqlServerDatabase.Use(options, "Server=sql-server-translation.invalid;Database=TrainingHub;Encrypt=false");
                options.AddInterceptors(new NoServer());
                context = new TrainingHubDbContext(options.Options);
            }

            return context;
        }
    }

    private static void Translate<TResult>(MirroringQueryCompiler source, Expression query, bool async)
    {
        var parameters = new Dictionary<string, object?>();
        var extracted = source.Extract(query, parameters);
        lock (Gate)
        {
            var db = Context;
            var sqlServerQuery = new ToModel(db.Model).Visit(extracted);
            Func<QueryContext, TResult> compiled;
            try
            {
                compiled = (Func<QueryContext, TResult>)Cache.GetOrAdd(sqlServerQuery, q => db.GetService<IDatabase>().CompileQuery<TResult>(q, async));
            }
            catch (InvalidOperationException e)
            {
                Fail(extracted, e);
                throw;
            }

            var queryContext = db.GetService<IQueryContextFactory>().Create();
            foreach (var (name, value) in parameters)
            {
                queryContext.Parameters[name] = value;
            }

            var before = Volatile.Read(ref recordedCount);
            try
            {
                Run(compiled(queryContext));
            }
            catch (Exception) when (Volatile.Read(ref recordedCount) > before)
            {
                // The SQL was produced; what follows needed rows and there are none here (Single, First, Count of nothing).
            }
            catch (Exception e)
            {
                // No SQL: the provider failed while generating it.
                Fail(extracted, e);
                throw;
            }
        }
    }

    /// <summary>Takes back a failure a test provoked on purpose.</summary>
    public static void Forget(string failure)
    {
        lock (Gate)
        {
            Failed.Remove(failure);
        }
    }

    private static void Fail(Expression query, Exception e) => Failed.Add($"{e.Message}\n  query: {query.Print()}");

    /// <summary>Runs a compiled query's result to the end: a task is awaited, a sequence enumerated.</summary>
    private static void Run(object? result)
    {
        switch (result)
        {
            case Task task:
                task.GetAwaiter().GetResult();
                break;
            case System.Collections.IEnumerable sequence and not string:
                foreach (var _ in sequence)
                {
                }

                break;
            case { } value when value.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)) is { } asyncSequence:
                var drain = typeof(SqlServerTranslation).GetMethod(nameof(DrainAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(asyncSequence.GetGenericArguments()[0]);
                ((Task)drain.Invoke(null, [value])!).GetAwaiter().GetResult();
                break;
        }
    }

    private static async Task DrainAsync<T>(IAsyncEnumerable<T> sequence)
    {
        await foreach (var _ in sequence)
        {
        }
    }

    /// <summary>The real (SQLite) compiler, which first hands each query to the SQL Server translation.</summary>
    [SuppressMessage("Performance", "CA1812", Justification = "Created by EF Core's service provider.")]
    internal sealed class MirroringQueryCompiler : QueryCompiler
    {
        private readonly IDiagnosticsLogger<DbLoggerCategory.Query> queryLogger;

        public MirroringQueryCompiler(
            IQueryContextFactory queryContextFactory,
            ICompiledQueryCache compiledQueryCache,
            ICompiledQueryCacheKeyGenerator compiledQueryCacheKeyGenerator,
            IDatabase database,
            IDiagnosticsLogger<DbLoggerCategory.Query> logger,
            ICurrentDbContext currentContext,
            IEvaluatableExpressionFilter evaluatableExpressionFilter,
            IModel model)
            : base(queryContextFactory, compiledQueryCache, compiledQueryCacheKeyGenerator, database, logger, currentContext, evaluatableExpressionFilter, model)
        {
            queryLogger = logger;
        }

        public Expression Extract(Expression query, Dictionary<string, object?> parameters) => ExtractParameters(query, parameters, queryLogger);

        public override TResult Execute<TResult>(Expression query)
        {
            Translate<TResult>(this, query, async: false);
            return base.Execute<TResult>(query);
        }

        public override TResult ExecuteAsync<TResult>(Expression query, CancellationToken cancellationToken = default)
        {
            Translate<TResult>(this, query, async: true);
            return base.ExecuteAsync<TResult>(query, cancellationToken);
        }
    }

    /// <summary>Points the query's roots at the SQL Server model's entity types.</summary>
    private sealed class ToModel(IModel model) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node) => node is EntityQueryRootExpression root
            ? root.UpdateEntityType(model.FindEntityType(root.EntityType.Name) ?? throw new InvalidOperationException($"{root.EntityType.Name} is not in the SQL Server model."))
            : base.VisitExtension(node);
    }

    /// <summary>Gives EF Core's SQL Server provider a connection that records commands instead of reaching a server.</summary>
    private sealed class NoServer : DbConnectionInterceptor
    {
        public override InterceptionResult<DbConnection> ConnectionCreating(ConnectionCreatingEventData eventData, InterceptionResult<DbConnection> result) =>
            InterceptionResult<DbConnection>.SuppressWithResult(new RecordingConnection(eventData.ConnectionString ?? ""));
    }

    private sealed class RecordingConnection(string connectionString) : DbConnection
    {
        private ConnectionState state = ConnectionState.Closed;

        [AllowNull]
        public override string ConnectionString { get; set; } = connectionString;

        public override string Database => "TrainingHub";

        public override string DataSource => "sql-server-translation";

        public override string ServerVersion => "16.00.1000";

        public override ConnectionState State => state;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Close() => state = ConnectionState.Closed;

        public override void Open() => state = ConnectionState.Open;

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException("The translation check runs queries only.");

        protected override DbCommand CreateDbCommand() => new RecordingCommand { Connection = this };
    }

    private sealed class RecordingCommand : DbCommand
    {
        private readonly SqlCommand parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => parameters.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery()
        {
            Record();
            return 0;
        }

        public override object? ExecuteScalar()
        {
            Record();
            return null;
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqlParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            Record();
            return new DataTableReader(new DataTable());
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                parameters.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Record()
        {
            if (Parameters.Count > MaxParameters)
            {
                throw new InvalidOperationException($"SQL Server takes at most {MaxParameters} parameters in one command; this one has {Parameters.Count}.");
            }

            Recorded.Enqueue(CommandText);
            Interlocked.Increment(ref recordedCount);
        }
    }
}
