using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BilanCollection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BilanCollections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ThemeId = table.Column<int>(type: "integer", nullable: false),
                    Opens = table.Column<DateOnly>(type: "date", nullable: false),
                    Closes = table.Column<DateOnly>(type: "date", nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LaunchedByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    LaunchedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LaunchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BilanCollections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BilanCollections_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BilanCollections_People_LaunchedByPersonId",
                        column: x => x.LaunchedByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_BilanCollections_Themes_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "Themes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Bilans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CollectionId = table.Column<long>(type: "bigint", nullable: false),
                    TeamId = table.Column<long>(type: "bigint", nullable: false),
                    AnswersJson = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    ByPersonId = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Bilans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Bilans_AcademicTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "AcademicTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Bilans_BilanCollections_CollectionId",
                        column: x => x.CollectionId,
                        principalTable: "BilanCollections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Bilans_People_ByPersonId",
                        column: x => x.ByPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "BilanUrlChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BilanId = table.Column<long>(type: "bigint", nullable: false),
                    FieldId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BilanUrlChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BilanUrlChecks_Bilans_BilanId",
                        column: x => x.BilanId,
                        principalTable: "Bilans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BilanCollections_CampaignId_ThemeId",
                table: "BilanCollections",
                columns: new[] { "CampaignId", "ThemeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BilanCollections_LaunchedByPersonId",
                table: "BilanCollections",
                column: "LaunchedByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_BilanCollections_ThemeId",
                table: "BilanCollections",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Bilans_ByPersonId",
                table: "Bilans",
                column: "ByPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Bilans_CollectionId",
                table: "Bilans",
                column: "CollectionId");

            migrationBuilder.CreateIndex(
                name: "IX_Bilans_TeamId",
                table: "Bilans",
                column: "TeamId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BilanUrlChecks_BilanId_FieldId",
                table: "BilanUrlChecks",
                columns: new[] { "BilanId", "FieldId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BilanUrlChecks");

            migrationBuilder.DropTable(
                name: "Bilans");

            migrationBuilder.DropTable(
                name: "BilanCollections");
        }
    }
}
