using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using TraAM.Bot.Data;

// The model is the same for both providers; each gets its own migration set (EF migrations are provider-specific).
if (args.Length != 1 || args[0].StartsWith('-'))
{
    Console.Error.WriteLine("Usage: dotnet run --project tools/TraAM.Bot.Migrations -- <MigrationName>");
    return 2;
}

var root = FindRepositoryRoot();
var project = Path.Combine(root, "src", "TraAM.Bot");

using (var postgres = new PostgresTraamDbContext(new DbContextOptionsBuilder<PostgresTraamDbContext>().UseNpgsql("Host=design-time-only").Options))
{
    Scaffold(postgres, services => new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services), "Postgres");
}

using (var sqlite = new SqliteTraamDbContext(new DbContextOptionsBuilder<SqliteTraamDbContext>().UseSqlite("Data Source=:memory:").Options))
{
    Scaffold(sqlite, services => new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices().ConfigureDesignTimeServices(services), "Sqlite");
}

return 0;

void Scaffold(DbContext context, Action<IServiceCollection> provider, string folder)
{
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    provider(services);
    using var sp = services.BuildServiceProvider();
    var scaffolder = sp.GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(args[0], "TraAM.Bot", $"Data.Migrations.{folder}", "C#");
    var files = scaffolder.Save(project, migration, Path.Combine(project, "Data", "Migrations", folder));
    Console.WriteLine($"{folder}: {Path.GetRelativePath(root, files.MigrationFile!)}");
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TraAM.Bot.sln"))) dir = dir.Parent;
    return dir?.FullName ?? throw new InvalidOperationException("TraAM.Bot.sln not found above the tool.");
}
