/** Standardised screening instruments with their LOINC panel, score and question codes and answer lists. */

export interface AnswerDef {
  loinc: string | null;
  text: string;
  value: number | null;
}

export interface InstrumentDef {
  key: string;
  panelLoinc: string;
  scoreLoinc: string | null;
  name: string;
  sdohCategory: string | null;
  questions: { loinc: string; text: string }[];
  answers: AnswerDef[];
  minAge: number;
}

const FREQ_ANSWERS: AnswerDef[] = [
  { loinc: 'LA6568-5', text: 'Not at all', value: 0 },
  { loinc: 'LA6569-3', text: 'Several days', value: 1 },
  { loinc: 'LA6570-1', text: 'More than half the days', value: 2 },
  { loinc: 'LA6571-9', text: 'Nearly every day', value: 3 },
];

export const INSTRUMENTS: readonly InstrumentDef[] = [
  { key: 'phq9', panelLoinc: '44249-1', scoreLoinc: '44261-6', name: 'PHQ-9 quick depression assessment panel', sdohCategory: null, minAge: 12, answers: FREQ_ANSWERS, questions: [
    { loinc: '44250-9', text: 'Little interest or pleasure in doing things' },
    { loinc: '44255-8', text: 'Feeling down, depressed, or hopeless' },
    { loinc: '44259-0', text: 'Trouble falling or staying asleep, or sleeping too much' },
    { loinc: '44254-1', text: 'Feeling tired or having little energy' },
    { loinc: '44251-7', text: 'Poor appetite or overeating' },
    { loinc: '44258-2', text: 'Feeling bad about yourself - or that you are a failure or have let yourself or your family down' },
    { loinc: '44252-5', text: 'Trouble concentrating on things, such as reading the newspaper or watching television' },
    { loinc: '44253-3', text: 'Moving or speaking so slowly that other people could have noticed. Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual' },
    { loinc: '44260-8', text: 'Thoughts that you would be better off dead, or of hurting yourself in some way' },
  ] },
  { key: 'phq2', panelLoinc: '55757-9', scoreLoinc: '55758-7', name: 'Patient Health Questionnaire 2 item (PHQ-2)', sdohCategory: null, minAge: 12, answers: FREQ_ANSWERS, questions: [
    { loinc: '44250-9', text: 'Little interest or pleasure in doing things' },
    { loinc: '44255-8', text: 'Feeling down, depressed, or hopeless' },
  ] },
  { key: 'gad7', panelLoinc: '69737-5', scoreLoinc: '70274-6', name: 'Generalized anxiety disorder 7 item (GAD-7)', sdohCategory: null, minAge: 12, answers: FREQ_ANSWERS, questions: [
    { loinc: '69725-0', text: 'Feeling nervous, anxious or on edge' },
    { loinc: '68509-9', text: 'Not being able to stop or control worrying' },
    { loinc: '69733-4', text: 'Worrying too much about different things' },
    { loinc: '69734-2', text: 'Trouble relaxing' },
    { loinc: '69735-9', text: "Being so restless that it's hard to sit still" },
    { loinc: '69689-8', text: 'Becoming easily annoyed or irritable' },
    { loinc: '69736-7', text: 'Feeling afraid as if something awful might happen' },
  ] },
  { key: 'hunger', panelLoinc: '88121-9', scoreLoinc: null, name: 'Hunger Vital Sign [HVS]', sdohCategory: 'food-insecurity', minAge: 0, answers: [
    { loinc: 'LA28397-0', text: 'Often true', value: null },
    { loinc: 'LA6729-3', text: 'Sometimes true', value: null },
    { loinc: 'LA28398-8', text: 'Never true', value: null },
  ], questions: [
    { loinc: '88122-7', text: 'Within the past 12 months we worried whether our food would run out before we got money to buy more' },
    { loinc: '88123-5', text: "Within the past 12 months the food we bought just didn't last and we didn't have money to get more" },
  ] },
  { key: 'housing', panelLoinc: '96777-8', scoreLoinc: null, name: 'Accountable health communities (AHC) health-related social needs screening (HRSN) tool', sdohCategory: 'housing-instability', minAge: 18, answers: [
    { loinc: 'LA31993-1', text: 'I have a steady place to live', value: null },
    { loinc: 'LA31994-9', text: 'I have a place to live today, but I am worried about losing it in the future', value: null },
    { loinc: 'LA31995-6', text: 'I do not have a steady place to live', value: null },
  ], questions: [
    { loinc: '71802-3', text: 'What is your living situation today?' },
  ] },
  { key: 'financial', panelLoinc: '93025-5', scoreLoinc: null, name: 'Protocol for Responding to and Assessing Patients Assets, Risks, and Experiences [PRAPARE]', sdohCategory: 'financial-insecurity', minAge: 18, answers: [
    { loinc: null, text: 'Very hard', value: null },
    { loinc: null, text: 'Somewhat hard', value: null },
    { loinc: null, text: 'Not hard at all', value: null },
  ], questions: [
    { loinc: '76513-1', text: 'How hard is it for you to pay for the very basics like food, housing, medical care, and heating?' },
  ] },
  { key: 'auditc', panelLoinc: '72109-2', scoreLoinc: '75626-2', name: 'Alcohol Use Disorder Identification Test - Consumption [AUDIT-C]', sdohCategory: null, minAge: 18, answers: [
    { loinc: null, text: 'Never', value: 0 },
    { loinc: null, text: 'Monthly or less', value: 1 },
    { loinc: null, text: '2-4 times a month', value: 2 },
    { loinc: null, text: '2-3 times a week', value: 3 },
  ], questions: [
    { loinc: '68518-0', text: 'How often do you have a drink containing alcohol?' },
    { loinc: '68519-8', text: 'How many standard drinks containing alcohol do you have on a typical day?' },
    { loinc: '68520-6', text: 'How often do you have six or more drinks on one occasion?' },
  ] },
  { key: 'transport', panelLoinc: '96777-8', scoreLoinc: null, name: 'Accountable health communities (AHC) health-related social needs screening (HRSN) tool', sdohCategory: 'transportation-insecurity', minAge: 18, answers: [
    { loinc: 'LA33-6', text: 'Yes', value: null },
    { loinc: 'LA32-8', text: 'No', value: null },
  ], questions: [
    { loinc: '93030-5', text: 'In the past 12 months, has lack of reliable transportation kept you from medical appointments, meetings, work or from getting things needed for daily living?' },
  ] },
];

export const INSTRUMENT_BY_KEY: ReadonlyMap<string, InstrumentDef> = new Map(INSTRUMENTS.map((i) => [i.key, i]));
