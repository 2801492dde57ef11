using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TraAM.Bot.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    ThemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Opens = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Closes = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LaunchedByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    LaunchedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LaunchedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CollectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<long>(type: "INTEGER", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    ByPersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BilanId = table.Column<long>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
