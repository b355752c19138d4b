// Validates every Camunda Modeler element template in .camunda/element-templates against the Camunda 7
// element templates JSON schema (@camunda/element-templates-json-schema, installed by `npm ci`), as
// Camunda Modeler does when it loads them. Prints one line per problem; exits 1 when there is any.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const dir = path.join(__dirname, '..', '.camunda', 'element-templates');
let problems = 0;
for (const file of fs.readdirSync(dir).filter(name => name.endsWith('.json')).sort()) {
  const template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (!validate(template)) {
    for (const error of validate.errors) {
      problems++;
      console.log(file + ': ' + (error.instancePath || '/') + ' ' + error.message);
    }
  } else {
    console.log(file + ': valid');
  }
}
process.exit(problems === 0 ? 0 : 1);
