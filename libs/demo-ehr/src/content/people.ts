/** Names and places for synthetic people and organisations (all fictional; 555-01xx phone numbers). */

export const FEMALE_FIRST = [
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Lisa', 'Nancy',
  'Sandra', 'Ashley', 'Emily', 'Donna', 'Michelle', 'Carol', 'Amanda', 'Melissa', 'Deborah', 'Stephanie', 'Rebecca',
  'Laura', 'Sharon', 'Cynthia', 'Amy', 'Angela', 'Anna', 'Brenda', 'Emma', 'Olivia', 'Sophia', 'Isabella', 'Mia',
  'Camila', 'Valentina', 'Lucia', 'Mei', 'Priya', 'Aaliyah', 'Fatima', 'Nguyen Thi', 'Zoe', 'Chloe', 'Maya', 'Ava',
];
export const MALE_FIRST = [
  'James', 'Robert', 'John', 'Michael', 'David', 'William', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Christopher',
  'Daniel', 'Matthew', 'Anthony', 'Mark', 'Donald', 'Steven', 'Paul', 'Andrew', 'Joshua', 'Kenneth', 'Kevin', 'Brian',
  'George', 'Timothy', 'Ronald', 'Jason', 'Edward', 'Jeffrey', 'Ryan', 'Liam', 'Noah', 'Ethan', 'Lucas', 'Mateo',
  'Santiago', 'Diego', 'Wei', 'Arjun', 'Omar', 'Malik', 'Minh', 'Elijah', 'Aiden', 'Caleb', 'Jamal', 'Hiroshi',
];
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen',
  'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
  'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Chen', 'Patel', "O'Brien", 'Kowalski', 'Okafor', 'Yamamoto',
  'Schmidt', 'Dubois', 'Haddad', 'Kim', 'Singh', 'Ali', 'Murphy', 'Sullivan', 'Cohen', 'Novak', 'Rossi', 'Ivanova',
];
export const MIDDLE_INITIAL_NAMES = ['A', 'B', 'C', 'D', 'E', 'J', 'L', 'M', 'R', 'S', 'T', 'Ann', 'Lee', 'Marie', 'James', 'Ray'];

/** Massachusetts and Rhode Island towns with their ZIP codes and counties. */
export const PLACES: readonly { city: string; state: string; zip: string; county: string; lat: number; lon: number }[] = [
  { city: 'Boston', state: 'MA', zip: '02118', county: 'Suffolk', lat: 42.3366, lon: -71.0726 },
  { city: 'Cambridge', state: 'MA', zip: '02139', county: 'Middlesex', lat: 42.3647, lon: -71.1042 },
  { city: 'Somerville', state: 'MA', zip: '02144', county: 'Middlesex', lat: 42.3996, lon: -71.1226 },
  { city: 'Quincy', state: 'MA', zip: '02169', county: 'Norfolk', lat: 42.2529, lon: -71.0023 },
  { city: 'Worcester', state: 'MA', zip: '01608', county: 'Worcester', lat: 42.2626, lon: -71.8023 },
  { city: 'Springfield', state: 'MA', zip: '01103', county: 'Hampden', lat: 42.1015, lon: -72.5898 },
  { city: 'Lowell', state: 'MA', zip: '01852', county: 'Middlesex', lat: 42.6334, lon: -71.3162 },
  { city: 'Brockton', state: 'MA', zip: '02301', county: 'Plymouth', lat: 42.0834, lon: -71.0184 },
  { city: 'New Bedford', state: 'MA', zip: '02740', county: 'Bristol', lat: 41.6362, lon: -70.9342 },
  { city: 'Salem', state: 'MA', zip: '01970', county: 'Essex', lat: 42.5195, lon: -70.8967 },
  { city: 'Providence', state: 'RI', zip: '02903', county: 'Providence', lat: 41.824, lon: -71.4128 },
  { city: 'Pawtucket', state: 'RI', zip: '02860', county: 'Providence', lat: 41.8787, lon: -71.3826 },
];
export const STREETS = [
  'Main St', 'Washington St', 'Elm St', 'Maple Ave', 'Oak St', 'Pleasant St', 'Highland Ave', 'Summer St', 'Park St',
  'Center St', 'Chestnut St', 'School St', 'Water St', 'Union St', 'Prospect St', 'Beacon St', 'Harvard St', 'Broadway',
];
export const OCCUPATIONS: readonly [string, string][] = [
  ['Registered nurse', 'Hospitals'], ['Elementary school teacher', 'Elementary and secondary schools'],
  ['Software developer', 'Computer systems design'], ['Truck driver', 'Truck transportation'],
  ['Retail salesperson', 'Retail trade'], ['Cook', 'Restaurants and other food services'],
  ['Construction laborer', 'Construction'], ['Accountant', 'Accounting services'], ['Home health aide', 'Home health care services'],
  ['Janitor', 'Services to buildings'], ['Electrician', 'Construction'], ['Retired', 'Not applicable'], ['Student', 'Not applicable'],
];
export const LANGUAGES: readonly [string, number][] = [['en', 70], ['es', 14], ['pt', 4], ['zh', 3], ['vi', 3], ['ht', 2], ['ar', 2], ['ru', 2]];
export const PHARMACIES = ['CVS Pharmacy #1021', 'Walgreens #4410', 'Stop & Shop Pharmacy', 'Harbor Community Pharmacy', 'Express Scripts Mail Order'];

/** A fictional 555-01xx phone number (digits only, as the schema stores phones). */
export function demoPhone(areaCode: string, n: number): string {
  return `${areaCode}55501${String(n % 100).padStart(2, '0')}`;
}
