using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderOffsets",
                table: "Campaigns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "30,7,1");

            migrationBuilder.CreateTable(
                name: "DeadlineCompletions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadlineCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeadlineCompletions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SchoolHolidays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SchoolHolidays", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "Campaigns",
                keyColumn: "Id",
                keyValue: 1,
                column: "ReminderOffsets",
                value: "30,7,1");

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineCompletions_PersonId",
                table: "DeadlineCompletions",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineCompletions_Subject_PersonId",
                table: "DeadlineCompletions",
                columns: new[] { "Subject", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SchoolHolidays_Zone_FirstDay",
                table: "SchoolHolidays",
                columns: new[] { "Zone", "FirstDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeadlineCompletions");

            migrationBuilder.DropTable(
                name: "SchoolHolidays");

            migrationBuilder.DropColumn(
                name: "ReminderOffsets",
                table: "Campaigns");
        }
    }
}
