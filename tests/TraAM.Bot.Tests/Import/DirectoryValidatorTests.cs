using TraAM.Bot.People;
using TraAM.Bot.People.Import;
using static TraAM.Bot.Tests.Import.ImportFiles;

namespace TraAM.Bot.Tests.Import;

/// <summary>What the rows of a directory file mean, and every problem with them, where it is, in French.</summary>
public sealed class DirectoryValidatorTests
{
    private const string Camille = "Martin;Camille;camille.martin@ac-lyon.fr";
    private const string CamilleAad = "6a2b0a6e-1111-4c6e-9a5a-000000000020";
    private const int Lettres = 11, Nsi1 = 13, Nsi2 = 14, Svt1 = 19, Svt2 = 20;

    [Fact]
    public void AGoodFile_GivesEachPersonWithTheirRoles_InTheOrderOfTheFile()
    {
        var validation = Validate(
            $"{Camille};référente;Lyon;SVT – Année 1;Équipe SVT Lyon;{CamilleAad.ToUpperInvariant()}",
            "Moreau;Inès;Ines.Moreau@AC-Lyon.fr;enseignante;lyon;svt annee 1;équipe svt lyon;",
            "Bernard;Hugo;hugo.bernard@ac-lyon.fr;inspecteur;Lyon;SVT;Équipe ignorée;",
            "Petit;Léa;lea.petit@education.gouv.fr;expert-tn3;;SVT;;",
            "Petit;Léa;lea.petit@education.gouv.fr;admin;Paris;;;");

        Assert.Empty(validation.Problems);
        Assert.Equal(
            ["camille.martin@ac-lyon.fr", "ines.moreau@ac-lyon.fr", "hugo.bernard@ac-lyon.fr", "lea.petit@education.gouv.fr"],
            validation.People.Select(p => p.Email));
        var camille = validation.People[0];
        Assert.Equal(("Martin", "Camille", CamilleAad, "lyon", 2), (camille.LastName, camille.FirstName, camille.EntraObjectId, camille.AcademyCode, camille.FirstLine));
        Assert.Equal([new ImportedRole(Role.Referent, "lyon", null, "svt", Svt1, "Équipe SVT Lyon", 2)], camille.Roles);
        Assert.Equal([new ImportedRole(Role.Teacher, "lyon", null, "svt", Svt1, "équipe svt lyon", 3)], validation.People[1].Roles);
        Assert.Equal([new ImportedRole(Role.Inspector, "lyon", null, "svt", null, null, 4)], validation.People[2].Roles);
        var lea = validation.People[3];
        Assert.Equal(("paris", 5, (string?)null), (lea.AcademyCode, lea.FirstLine, lea.EntraObjectId));
        Assert.Equal(
            [new ImportedRole(Role.ExpertTn3, null, null, "svt", null, null, 5), new ImportedRole(Role.Admin, null, null, null, null, null, 6)],
            lea.Roles);
    }

    [Theory]
    [InlineData("référent", Role.Referent)]
    [InlineData("Référente", Role.Referent)]
    [InlineData("REFERENT", Role.Referent)]
    [InlineData("professeur·e référent·e", Role.Referent)]
    [InlineData("referents", Role.Referent)]
    [InlineData("enseignant", Role.Teacher)]
    [InlineData("Enseignante", Role.Teacher)]
    [InlineData("teacher", Role.Teacher)]
    [InlineData("inspecteur", Role.Inspector)]
    [InlineData("Inspectrice", Role.Inspector)]
    [InlineData("IA-IPR", Role.Inspector)]
    [InlineData("IEN", Role.Inspector)]
    [InlineData("inspector", Role.Inspector)]
    [InlineData("DAN", Role.Dan)]
    [InlineData("dran", Role.Dran)]
    [InlineData("CARDIE", Role.Cardie)]
    [InlineData("IGÉSR", Role.Igesr)]
    [InlineData("igesr", Role.Igesr)]
    [InlineData("expert-tn3", Role.ExpertTn3)]
    [InlineData("Expert TN3", Role.ExpertTn3)]
    [InlineData("experte TN3", Role.ExpertTn3)]
    [InlineData("expert·e TN3", Role.ExpertTn3)]
    [InlineData("TN3", Role.ExpertTn3)]
    [InlineData("admin", Role.Admin)]
    [InlineData("Administrateur", Role.Admin)]
    [InlineData("administratrice", Role.Admin)]
    public void RoleWords_AreRecognised_InTheirFeminineEnglishOrPluralForms(string word, Role role) =>
        Assert.Equal(role, DirectoryFormat.FindRole(word));

    [Theory]
    [InlineData("NSI – Thématique 2", Nsi2)]
    [InlineData("NSI thématique 1", Nsi1)]
    [InlineData("nsi 2", Nsi2)]
    [InlineData("nsi-2", Nsi2)]
    [InlineData("Numérique et sciences informatiques (NSI) / Informatique – Thématique 1", Nsi1)]
    [InlineData("SVT – Année 2", Svt2)]
    [InlineData("SVT année 1", Svt1)]
    [InlineData("SVT 2", Svt2)]
    [InlineData("svt-1", Svt1)]
    [InlineData("SVT 2e année", Svt2)]
    [InlineData("Lettres", Lettres)]
    [InlineData("lettres 1", Lettres)]
    public void TheDisciplineCell_OfATeamRole_NamesOneTheme(string cell, int theme)
    {
        var person = Assert.Single(Validate($"{Camille};référent;Lyon;{cell};Équipe;").People);

        Assert.Equal(theme, Assert.Single(person.Roles).ThemeId);
    }

    [Theory]
    [InlineData("Orleans Tours")]
    [InlineData("ORLÉANS-TOURS")]
    [InlineData("orléans – tours")]
    [InlineData("Académie d'Orléans-Tours")]
    public void Academies_AreMatchedWithoutCaseAccentsOrHyphens(string cell)
    {
        var person = Assert.Single(Validate($"{Camille};dan;{cell};;;").People);

        Assert.Equal(("orleans-tours", "orleans-tours"), (person.AcademyCode, Assert.Single(person.Roles).AcademyCode));
    }

    [Fact]
    public void ADran_GetsTheRegionOfTheirAcademy_OrTheRegionNamed_AndNoAcademyOnTheRole()
    {
        var validation = Validate(
            "Haddad;Karim;karim.haddad@region-academique-ara.fr;DRAN;Grenoble;;;",
            "Roux;Anne;anne.roux@region-academique-bfc.fr;dran;Bourgogne-Franche-Comté;;;");

        Assert.Empty(validation.Problems);
        var (karim, anne) = (validation.People[0], validation.People[1]);
        Assert.Equal(new ImportedRole(Role.Dran, null, "auvergne-rhone-alpes", null, null, null, 2), Assert.Single(karim.Roles));
        Assert.Equal("grenoble", karim.AcademyCode);
        Assert.Equal(new ImportedRole(Role.Dran, null, "bourgogne-franche-comte", null, null, null, 3), Assert.Single(anne.Roles));
        Assert.Null(anne.AcademyCode);
    }

    [Fact]
    public void SeveralRowsOfOneEmail_AreOnePerson_WhatEverTheCaseOfTheAddress_AndTheFirstAcademyIsWhereTheyWork()
    {
        var validation = Validate(
            "Petit;Léa;lea.petit@education.gouv.fr;admin;;;;",
            $"Petit;Léa;LEA.PETIT@education.gouv.fr;expert-tn3;Nantes;NSI – Thématique 2;;{CamilleAad}",
            "Petit;Léa;lea.petit@education.gouv.fr;igesr;Lyon;Mathématiques;;",
            "Petit;Léa;lea.petit@education.gouv.fr;référent;Lyon;Maths;Équipe Maths;");

        var lea = Assert.Single(validation.People);
        Assert.Equal(("lea.petit@education.gouv.fr", "nantes", CamilleAad, 2), (lea.Email, lea.AcademyCode, lea.EntraObjectId, lea.FirstLine));
        Assert.Equal(
            [
                new ImportedRole(Role.Admin, null, null, null, null, null, 2),
                new ImportedRole(Role.ExpertTn3, null, null, "nsi", Nsi2, null, 3),
                new ImportedRole(Role.Igesr, null, null, "mathematiques", null, null, 4),
                new ImportedRole(Role.Referent, "lyon", null, "mathematiques", 12, "Équipe Maths", 5),
            ],
            lea.Roles);
    }

    [Fact]
    public void CellsARoleDoesNotNeed_AreIgnored_ButAnUnknownAcademyIsNot()
    {
        var validation = Validate(
            "Martin;Camille;c@ac-lyon.fr;dan;Lyon;Astrologie;Équipe;",
            "Petit;Léa;l@ac-lyon.fr;admin;Atlantis;;;");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal((3, "Académie"), (problem.Line, problem.Column));
        Assert.Contains("« Atlantis »", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Exemples attendus : Aix-Marseille, Lyon", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{6A2B0A6E-1111-4C6E-9A5A-000000000020}")]
    [InlineData("6A2B0A6E11114C6E9A5A000000000020")]
    [InlineData("6a2b0a6e-1111-4c6e-9a5a-000000000020")]
    public void EntraIds_AreNormalisedToLowerCaseWithHyphens(string cell)
    {
        var person = Assert.Single(Validate($"{Camille};admin;;;;{cell}").People);

        Assert.Equal(CamilleAad, person.EntraObjectId);
    }

    // ---- One kind of problem each: line, column, French, naming the bad value. ----

    [Theory]
    [InlineData(";Camille;c@ac-lyon.fr;admin;;;;", "Nom", "Nom manquant")]
    [InlineData("Martin;;c@ac-lyon.fr;admin;;;;", "Prénom", "Prénom manquant")]
    [InlineData("Martin;Camille;;admin;;;;", "Courriel", "Courriel manquant")]
    [InlineData("Martin;Camille;c@ac-lyon.fr;;;;;", "Rôle", "Rôle manquant. Rôles possibles : référent, enseignant, inspecteur, dan, dran, cardie, igesr, expert-tn3, admin.")]
    [InlineData("Martin;Camille;c@ac-lyon.fr;inspecteur;;SVT;;", "Académie", "Académie manquante : le rôle « inspecteur » s'exerce dans une académie")]
    [InlineData("Martin;Camille;c@ac-lyon.fr;expert-tn3;;;;", "Discipline", "Discipline manquante : le rôle « expert-tn3 » s'exerce dans une discipline")]
    [InlineData("Martin;Camille;c@ac-lyon.fr;référent;Lyon;Lettres;;", "Équipe", "Équipe manquante : un référent fait partie d'une équipe")]
    [InlineData("Martin;Camille;c@ac-lyon.fr;enseignant;Lyon;Lettres;;", "Équipe", "Équipe manquante : un enseignant fait partie d'une équipe")]
    public void AMissingCell_IsAProblemOnItsLineAndColumn(string row, string column, string message)
    {
        var problem = SingleProblem(row);

        Assert.Equal((2, column), (problem.Line, problem.Column));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("camille.martin@ac-lyon")]
    [InlineData("camille martin@ac-lyon.fr")]
    [InlineData("camille.martin.ac-lyon.fr")]
    [InlineData("camille@martin@ac-lyon.fr")]
    [InlineData("Camille Martin <camille.martin@ac-lyon.fr>")]
    [InlineData("camille.martin@ac-lyon.fr;")]
    public void ABadEmail_IsNamed(string email)
    {
        var problem = SingleProblem($"Martin;Camille;\"{email}\";admin;;;;");

        Assert.Equal((2, "Courriel"), (problem.Line, problem.Column));
        Assert.Equal($"Adresse électronique invalide : « {email} ». Attendu : une seule adresse comme camille.martin@ac-lyon.fr (un @, un domaine avec un point, sans espace).", problem.Message);
    }

    [Fact]
    public void AnUnknownRole_IsNamed_WithTheWordsExpected()
    {
        var problem = SingleProblem($"{Camille};directrice;Lyon;;;");

        Assert.Equal((2, "Rôle"), (problem.Line, problem.Column));
        Assert.Equal("Rôle inconnu : « directrice ». Rôles possibles : référent, enseignant, inspecteur, dan, dran, cardie, igesr, expert-tn3, admin.", problem.Message);
    }

    [Fact]
    public void AnUnknownAcademy_IsNamed_WithTheClosestOnes()
    {
        var problem = SingleProblem($"{Camille};référent;Orlean;Lettres;Équipe Lettres;");

        Assert.Equal((2, "Académie"), (problem.Line, problem.Column));
        Assert.Equal("Académie inconnue : « Orlean ». Vouliez-vous dire : Orléans-Tours ?", problem.Message);
    }

    [Theory]
    [InlineData("Mathématique", "Discipline inconnue : « Mathématique ». Vouliez-vous dire : Mathématiques ?")]
    [InlineData("Astrologie", "Discipline inconnue : « Astrologie ». Exemples attendus : Mathématiques, Lettres, SVT – Année 1, NSI – Thématique 2…")]
    [InlineData("Mathématique 2", "Discipline inconnue : « Mathématique 2 ». Vouliez-vous dire : Mathématiques ?")]
    public void AnUnknownDiscipline_IsNamed_WithSuggestions(string cell, string message)
    {
        var problem = SingleProblem($"{Camille};inspecteur;Lyon;{cell};;");

        Assert.Equal((2, "Discipline"), (problem.Line, problem.Column));
        Assert.Equal(message, problem.Message);
    }

    [Fact]
    public void ATeamRoleInADisciplineWithTwoThemes_MustSayWhichOne()
    {
        var problem = SingleProblem($"{Camille};référent;Lyon;NSI;Équipe NSI;");

        Assert.Equal((2, "Discipline"), (problem.Line, problem.Column));
        Assert.StartsWith("Thématique à préciser : « NSI » a 2 thématiques dans la campagne. Écrivez « NSI – Thématique 1 » (Cybersécurité, réseaux sociaux) ou « NSI – Thématique 2 » (Égalité filles-garçons)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("nsi-1, nsi-2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AThemeThatDoesNotExist_IsNamed_WithTheOnesThatDo()
    {
        var problem = SingleProblem($"{Camille};expert-tn3;;SVT – Année 3;;");

        Assert.Equal((2, "Discipline"), (problem.Line, problem.Column));
        Assert.StartsWith("Thématique introuvable : « SVT – Année 3 ». Thématiques possibles : « SVT – Année 1 »", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadEntraId_IsNamed()
    {
        var problem = SingleProblem($"{Camille};admin;;;;6a2b0a6e-1111-4c6e-9a5a");

        Assert.Equal((2, "Identifiant Entra"), (problem.Line, problem.Column));
        Assert.StartsWith("Identifiant Entra invalide : « 6a2b0a6e-1111-4c6e-9a5a ». Attendu : un GUID", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameRoleInTheSameScopeTwice_IsADuplicateOfTheFirstLine()
    {
        var validation = Validate(
            $"{Camille};référent;Lyon;SVT 1;Équipe SVT Lyon;",
            $"{Camille};enseignant;Lyon;SVT 1;Équipe SVT Lyon;",
            $"{Camille};Référente;lyon;SVT – Année 1;ÉQUIPE SVT LYON;");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal((4, (string?)null), (problem.Line, problem.Column));
        Assert.StartsWith("Ligne en double de la ligne 2 : même personne (camille.martin@ac-lyon.fr), même rôle (référent)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoDransOfOneRegion_AreADuplicate()
    {
        var validation = Validate(
            "Haddad;Karim;k@ac-lyon.fr;dran;Grenoble;;;",
            "Haddad;Karim;k@ac-lyon.fr;dran;Auvergne-Rhône-Alpes;;;");

        var problem = Assert.Single(validation.Problems);
        Assert.Equal((3, (string?)null), (problem.Line, problem.Column));
        Assert.StartsWith("Ligne en double de la ligne 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneEmailWithDifferentNames_IsAProblemOnTheLaterLine_NamingTheFirst()
    {
        var validation = Validate(
            $"{Camille};admin;;;;",
            "Martin;Camille;camille.martin@ac-lyon.fr;dan;Lyon;;;",
            "MARTIN;Camila;camille.martin@ac-lyon.fr;cardie;Lyon;;;");

        Assert.Equal([(4, "Nom"), (4, "Prénom")], validation.Problems.Select(p => (p.Line, p.Column)));
        Assert.Equal("Nom différent de la ligne 2 pour camille.martin@ac-lyon.fr : « MARTIN » ici, « Martin » ligne 2. Une même personne doit avoir le même nom sur toutes ses lignes.", validation.Problems[0].Message);
        Assert.Contains("« Camila » ici, « Camille » ligne 2", validation.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneEmailWithTwoEntraIds_IsAProblem()
    {
        var problem = SingleProblem(
            $"{Camille};admin;;;;{CamilleAad}",
            $"{Camille};dan;Lyon;;;6a2b0a6e-1111-4c6e-9a5a-000000000021");

        Assert.Equal((3, "Identifiant Entra"), (problem.Line, problem.Column));
        Assert.StartsWith("Identifiant Entra différent de la ligne 2 pour camille.martin@ac-lyon.fr : « 6a2b0a6e-1111-4c6e-9a5a-000000000021 » ici", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneEntraIdOnTwoEmails_IsAProblemOnTheSecond()
    {
        var problem = SingleProblem(
            $"{Camille};admin;;;;{CamilleAad}",
            $"Petit;Léa;lea.petit@ac-lyon.fr;admin;;;;{CamilleAad.ToUpperInvariant()}");

        Assert.Equal((3, "Identifiant Entra"), (problem.Line, problem.Column));
        Assert.Equal($"L'identifiant Entra « {CamilleAad} » est déjà celui de camille.martin@ac-lyon.fr (ligne 2) : un identifiant Entra désigne une seule personne.", problem.Message);
    }

    [Fact]
    public void EveryProblem_IsListed_SortedByLineThenColumn_AndNoPersonIsGiven()
    {
        var validation = Validate(
            "Martin;Camille;c@ac-lyon.fr;admin;;;;",
            ";;pas-une-adresse;chef;Atlantis;;;zzz",
            "Petit;Léa;l@ac-lyon.fr;référent;Lyon;NSI;;",
            "Martin;Camille;c@ac-lyon.fr;admin;;;;");

        Assert.Empty(validation.People);
        Assert.Equal(
            new (int, string?)[]
            {
                (3, "Nom"), (3, "Prénom"), (3, "Courriel"), (3, "Rôle"), (3, "Académie"), (3, "Identifiant Entra"),
                (4, "Discipline"), (4, "Équipe"),
                (5, null),
            },
            validation.Problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void TheGeneratedFile_IsValid_WithEveryRole_AndSomePeopleHoldingTwoRoles()
    {
        var read = Read(DirectoryFiles.Csv(480));

        Assert.Empty(read.Problems);
        Assert.Equal(480, read.Rows.Count);
        var validation = DirectoryValidator.Validate(read.Rows, Themes);
        Assert.Empty(validation.Problems);
        Assert.Equal(480, validation.People.Sum(p => p.Roles.Count));
        Assert.Equal(450, validation.People.Count); // one admin row in 16 is a second role
        Assert.Equal(Enum.GetValues<Role>(), validation.People.SelectMany(p => p.Roles).Select(r => r.Role).Distinct().Order());
        Assert.Equal(22, validation.People.SelectMany(p => p.Roles).Where(r => r.ThemeId is not null).Select(r => r.ThemeId).Distinct().Count());
        Assert.Equal(DirectoryFiles.Csv(480), DirectoryFiles.Csv(480));
        Assert.Equal(480, Read(DirectoryFiles.Csv(480, ',')).Rows.Count);
    }
}
