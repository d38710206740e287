Console.WriteLine("The findings of this sample are in its Dockerfile and k8s/ manifest, not in this file.");
