using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DuplicatesAndMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MergedAt",
                table: "People",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MergedByUserId",
                table: "People",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoPersonId",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DuplicateCandidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonAId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonBId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weight = table.Column<double>(type: "REAL", nullable: false),
                    Probability = table.Column<double>(type: "REAL", nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FoundAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    MergeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateCandidates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuplicateCandidates_People_PersonAId",
                        column: x => x.PersonAId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuplicateCandidates_People_PersonBId",
                        column: x => x.PersonBId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuplicateCandidates_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonMerges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    KeptPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedPersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MovedJson = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", nullable: false),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonMerges_People_KeptPersonId",
                        column: x => x.KeptPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonMerges_People_MergedPersonId",
                        column: x => x.MergedPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PersonMerges_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_PersonAId",
                table: "DuplicateCandidates",
                column: "PersonAId");

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_PersonBId",
                table: "DuplicateCandidates",
                column: "PersonBId");

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_TeamId_Decision_Probability_Weight",
                table: "DuplicateCandidates",
                columns: new[] { "TeamId", "Decision", "Probability", "Weight" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateCandidates_TeamId_PersonAId_PersonBId",
                table: "DuplicateCandidates",
                columns: new[] { "TeamId", "PersonAId", "PersonBId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_KeptPersonId",
                table: "PersonMerges",
                column: "KeptPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_MergedPersonId",
                table: "PersonMerges",
                column: "MergedPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonMerges_TeamId_MergedAt",
                table: "PersonMerges",
                columns: new[] { "TeamId", "MergedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DuplicateCandidates");

            migrationBuilder.DropTable(
                name: "PersonMerges");

            migrationBuilder.DropColumn(
                name: "MergedAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MergedByUserId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MergedIntoPersonId",
                table: "People");
        }
    }
}
